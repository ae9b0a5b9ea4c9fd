package coop.switchboard.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * How use rises and falls through the year and the day, per kind of load. Homes, shops and large power users follow
 * the hourly NREL loads shipped in {@code demo/load-profiles/} (see the README there; a calendar day takes the
 * profile day of the same weekday nearest its day of the year); electric heat, irrigation pumps, lights, lawn
 * watering and rooftop solar follow made-up curves, with one day-to-day "weather" shared by the whole territory.
 * Every daily shape averages 1 over a year, so a premise's scale is its average use per day.
 */
final class LoadShapes {
    static final int RESIDENTIAL = 0;
    static final int COMMERCIAL = 1;
    static final int LARGE_POWER = 2;
    static final int IRRIGATION = 3;
    static final int LIGHTING = 4;
    static final int HEAT = 5;
    static final int OUTDOOR_WATER = 6;
    static final int SOLAR = 7;
    static final int FLAT = 8;
    private static final int COMPONENTS = 9;
    private static final double LATITUDE = StrictMath.toRadians(48.5);
    private static final String[] FILES = {"residential_load.csv", "load_commercial.csv", "load_commercial_large.csv"};
    private static volatile double[][] profiles;

    private final LocalDate first;
    private final int days;
    private final double[][] daily;
    private final double[][] prefix;
    private final int[] profileDay;

    /** Shapes for the days from {@code first} through {@code last}. */
    LoadShapes(LocalDate first, LocalDate last) {
        this.first = first;
        this.days = (int) (last.toEpochDay() - first.toEpochDay()) + 1;
        double[][] hourly = profiles();
        double[] mean = new double[COMPONENTS];
        for (int doy = 0; doy < 365; doy++) {
            for (int c = 0; c < COMPONENTS; c++) {
                mean[c] += raw(c, doy, doy, hourly) / 365;
            }
        }
        daily = new double[COMPONENTS][days];
        prefix = new double[COMPONENTS][days + 1];
        profileDay = new int[days];
        for (int i = 0; i < days; i++) {
            LocalDate d = first.plusDays(i);
            int doy = Math.min(d.getDayOfYear() - 1, 364);
            profileDay[i] = sameWeekday(doy, d.getDayOfWeek().getValue() - 1);
            double weather = weather(d.toEpochDay());
            for (int c = 0; c < COMPONENTS; c++) {
                double v = raw(c, doy, profileDay[i], hourly) / mean[c];
                if (c == HEAT || c == IRRIGATION || c == OUTDOOR_WATER) {
                    v *= weather;
                }
                daily[c][i] = v;
                prefix[c][i + 1] = prefix[c][i] + v;
            }
        }
    }

    int index(LocalDate day) {
        return (int) (day.toEpochDay() - first.toEpochDay());
    }

    LocalDate first() {
        return first;
    }

    int days() {
        return days;
    }

    /** The shape's sum over the days {@code [from, to)} (indexes from {@link #index}). */
    double sum(int component, int from, int to) {
        int a = Math.clamp(from, 0, days);
        int b = Math.clamp(to, 0, days);
        return b <= a ? 0 : prefix[component][b] - prefix[component][a];
    }

    double daily(int component, int day) {
        return daily[component][day];
    }

    /** The weights of the day's 24 hours for a component (any scale). */
    void hourly(int component, int day, double[] out) {
        int doy = profileDay[day];
        switch (component) {
            case RESIDENTIAL, COMMERCIAL, LARGE_POWER -> System.arraycopy(profiles()[component], doy * 24, out, 0, 24);
            case IRRIGATION -> {
                for (int h = 0; h < 24; h++) {
                    out[h] = h < 6 || h >= 21 ? 1.0 : h >= 14 && h < 19 ? 0.55 : 0.8; // pumps favour off-peak hours
                }
            }
            case LIGHTING -> {
                double light = dayLength(doy);
                double rise = 12 - light / 2;
                double set = 12 + light / 2;
                for (int h = 0; h < 24; h++) {
                    double lit = Math.max(0, Math.min(h + 1, set) - Math.max(h, rise));
                    out[h] = 1 - lit;
                }
            }
            case HEAT -> {
                for (int h = 0; h < 24; h++) {
                    out[h] = h < 7 || h >= 21 ? 1.25 : h < 9 || h >= 17 ? 1.1 : 0.7;
                }
            }
            default -> java.util.Arrays.fill(out, 1.0);
        }
    }

    /**
     * Spreads a day's use over 96 quarter hours: the hourly weights interpolated between hour midpoints, with
     * {@code noise} (a share, e.g. 0.15) of random variation per quarter; values in ten-thousandths of a kWh.
     */
    static void quarterHours(double[] hourly, double dayKwh, double noise, SplittableRandom rng, int[] out) {
        double[] q = new double[96];
        double sum = 0;
        for (int i = 0; i < 96; i++) {
            double t = (i + 0.5) / 4 - 0.5; // position in hours, 0 = first hour's midpoint
            int h = (int) Math.floor(t);
            double w = t - h;
            double v = hourly[Math.floorMod(h, 24)] * (1 - w) + hourly[Math.floorMod(h + 1, 24)] * w;
            v *= 1 + noise * (2 * rng.nextDouble() - 1);
            q[i] = Math.max(0, v);
            sum += q[i];
        }
        double scale = sum <= 0 ? 0 : dayKwh * 10_000 / sum;
        for (int i = 0; i < 96; i++) {
            out[i] = (int) Math.round(q[i] * scale);
        }
    }

    /** One weather for the territory: a day's factor between 0.8 and 1.2, the same for every premise. */
    private static double weather(long epochDay) {
        double x = StrictMath.sin(epochDay * 12.9898) * 43758.5453;
        double slow = StrictMath.sin(epochDay / 5.3) * 0.08;
        return 0.9 + 0.2 * (x - StrictMath.floor(x)) + slow;
    }

    private static double raw(int component, int doy, int profileDoy, double[][] hourly) {
        return switch (component) {
            case RESIDENTIAL, COMMERCIAL, LARGE_POWER -> {
                double s = 0;
                for (int h = 0; h < 24; h++) {
                    s += hourly[component][profileDoy * 24 + h];
                }
                yield s;
            }
            case IRRIGATION -> doy < 105 || doy > 295 ? 0 : StrictMath.pow(StrictMath.sin(Math.PI * (doy - 105) / 190.0), 1.4);
            case LIGHTING -> 24 - dayLength(doy);
            case HEAT -> StrictMath.pow(Math.max(0, StrictMath.cos(2 * Math.PI * (doy - 20) / 365.0) + 0.15), 1.5);
            case OUTDOOR_WATER -> doy < 121 || doy > 274 ? 0 : StrictMath.pow(StrictMath.sin(Math.PI * (doy - 121) / 153.0), 1.3);
            case SOLAR -> StrictMath.pow(dayLength(doy) / 12, 2.2);
            default -> 1;
        };
    }

    /** Hours of daylight at the territory's latitude on a day of the year (0-based). */
    private static double dayLength(int doy) {
        double declination = StrictMath.toRadians(23.44) * StrictMath.sin(2 * Math.PI * (284 + doy + 1) / 365.0);
        double cos = -StrictMath.tan(LATITUDE) * StrictMath.tan(declination);
        return 24 / Math.PI * StrictMath.acos(Math.clamp(cos, -1, 1));
    }

    /** The profile day (0-364; the profile year starts on a Monday) of the same weekday nearest {@code doy}. */
    private static int sameWeekday(int doy, int weekday) {
        int shift = Math.floorMod(weekday - doy % 7, 7);
        if (shift > 3) {
            shift -= 7;
        }
        int p = doy + shift;
        return p < 0 ? p + 7 : p > 364 ? p - 7 : p;
    }

    private static double[][] profiles() {
        double[][] p = profiles;
        if (p == null) {
            synchronized (LoadShapes.class) {
                if (profiles == null) {
                    double[][] loaded = new double[FILES.length][];
                    for (int i = 0; i < FILES.length; i++) {
                        loaded[i] = read(FILES[i]);
                    }
                    profiles = loaded;
                }
                p = profiles;
            }
        }
        return p;
    }

    private static double[] read(String file) {
        String path = "/demo/load-profiles/" + file;
        double[] values = new double[8760];
        try (var in = Objects.requireNonNull(LoadShapes.class.getResourceAsStream(path), path);
             var lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            int n = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    if (n == values.length) {
                        throw new IllegalStateException(path + " has more than 8,760 hours");
                    }
                    values[n++] = Double.parseDouble(line.trim());
                }
            }
            if (n != values.length) {
                throw new IllegalStateException(path + " has " + n + " hours, not 8,760");
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
