package coop.switchboard.demo;

import java.util.SplittableRandom;

/**
 * What one service point uses: a load shape ({@link LoadShapes}) at its own scale, in kWh (electric) or gallons
 * (water) a day on average over a year. Homes add electric heat in winter now and then, water adds lawn watering in
 * summer, pumps keep a little standby use in winter; shops, mills and pumps have a load factor that turns a period's
 * use into its peak demand.
 *
 * @param component  the main {@link LoadShapes} component
 * @param perDay     average daily use of that component
 * @param heat       extra daily use from electric heat (residential), on the heat shape
 * @param base       flat daily use (indoor water, pump standby)
 * @param loadFactor average over peak demand, for demand reads; 0 for no demand register
 * @param peakDay    the highest day of the shape over its average, for the meter's rating
 */
record PremiseLoad(int component, double perDay, double heat, double base, double loadFactor, double peakDay) {

    /** The use of a premise of this type on this service, drawn from {@code rng}. */
    static PremiseLoad of(String premiseType, String service, SplittableRandom rng) {
        if ("WATER".equals(service)) {
            boolean home = "RESIDENTIAL".equals(premiseType);
            double indoor = (home ? 190 : 520) * lognormal(rng, 0.4);
            double outdoor = home ? 260 * lognormal(rng, 0.6) : 120 * lognormal(rng, 0.8);
            return new PremiseLoad(LoadShapes.OUTDOOR_WATER, outdoor, 0, indoor, 0, 0);
        }
        return switch (premiseType) {
            case "SMALL_COMMERCIAL" -> new PremiseLoad(LoadShapes.COMMERCIAL, 55 * lognormal(rng, 0.75), 0, 0,
                    0.35 + 0.2 * rng.nextDouble(), 1.45);
            case "LARGE_POWER" -> new PremiseLoad(LoadShapes.LARGE_POWER, 2600 * lognormal(rng, 0.5), 0, 0,
                    0.55 + 0.2 * rng.nextDouble(), 1.25);
            case "IRRIGATION" -> new PremiseLoad(LoadShapes.IRRIGATION, 260 * lognormal(rng, 0.55), 0, 0.3 + rng.nextDouble(),
                    0.6 + 0.25 * rng.nextDouble(), 2.9);
            case "PUBLIC_LIGHTING" -> new PremiseLoad(LoadShapes.LIGHTING, (0.15 + 1.6 * rng.nextDouble()) * 12, 0, 0, 0, 0);
            default -> {
                double perDay = 26 * lognormal(rng, 0.38);
                double heat = rng.nextDouble() < 0.35 ? perDay * (0.4 + 0.8 * rng.nextDouble()) : 0;
                yield new PremiseLoad(LoadShapes.RESIDENTIAL, perDay, heat, 0, 0, 0);
            }
        };
    }

    /** Use over the days {@code [from, to)} (shape indexes), before any period noise. */
    double use(LoadShapes shapes, int from, int to) {
        double u = perDay * shapes.sum(component, from, to) + base * Math.max(0, to - from);
        return heat > 0 ? u + heat * shapes.sum(LoadShapes.HEAT, from, to) : u;
    }

    /** Use on one day (shape index). */
    double use(LoadShapes shapes, int day) {
        return perDay * shapes.daily(component, day) + base + (heat > 0 ? heat * shapes.daily(LoadShapes.HEAT, day) : 0);
    }

    /** A generous bound on one day's use (the shapes peak at about three times their average). */
    double highestDay() {
        return (perDay * 3.2 + heat * 3 + base) * 1.3;
    }

    boolean hasDemand() {
        return loadFactor > 0;
    }

    /** The meter's rating: well above the highest demand this load reaches, rounded up to 5 kW. */
    double ratingKw() {
        double peak = perDay * peakDay / 24 / loadFactor * 1.15;
        return Math.max(25, StrictMath.ceil(peak * 1.6 / 5) * 5);
    }

    /** A period's peak demand in kW from its use over {@code days} days, never above 90% of the rating. */
    double demandKw(double use, int days, SplittableRandom rng) {
        if (days <= 0 || use <= 0) {
            return 0;
        }
        double kw = use / (days * 24.0) / loadFactor * (0.95 + 0.2 * rng.nextDouble());
        return Math.min(kw, ratingKw() * 0.9);
    }

    static double lognormal(SplittableRandom rng, double sigma) {
        return StrictMath.exp(sigma * rng.nextGaussian() - sigma * sigma / 2);
    }
}
