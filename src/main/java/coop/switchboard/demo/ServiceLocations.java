package coop.switchboard.demo;

import coop.switchboard.demo.Network.Site;

import java.time.LocalDate;
import java.util.random.RandomGenerator;

/**
 * Builds premises with their service points and meters: every premise takes electric service, some town homes and
 * businesses water, some fiber; electric and water points carry a meter, some with the meter it replaced.
 */
final class ServiceLocations {
    static final LocalDate FIBER_LAUNCH = LocalDate.of(2017, 6, 1);
    private static final LocalDate AMI_ROLLOUT_START = LocalDate.of(2015, 3, 2);
    private static final int AMI_ROLLOUT_DAYS = 1700;
    private static final String[] OLD_ELECTRIC = {"GE I-70S", "Westinghouse D4S", "Sangamo J5S", "Duncan MF"};

    /** A premise as built: its type, where it is, and its service points. */
    record Place(long id, String type, Site site, long[] pointIds, String[] serviceTypes) {
    }

    private final RandomGenerator rng;
    private final Tables tables;
    private final LocalDate today;
    private long electricNumbers;
    private long waterNumbers;

    ServiceLocations(RandomGenerator rng, Tables tables, LocalDate today) {
        this.rng = rng;
        this.tables = tables;
        this.today = today;
    }

    Place build(String type, Site site, String line2, Long ownerMemberId, boolean water, boolean fiber) {
        long premiseId = tables.premise(type, site, line2, ownerMemberId);
        int count = 1 + (water ? 1 : 0) + (fiber ? 1 : 0);
        long[] ids = new long[count];
        String[] types = new String[count];
        int i = 0;
        ids[i] = tables.servicePoint(premiseId, "ELECTRIC", "Electric");
        types[i++] = "ELECTRIC";
        if (water) {
            ids[i] = tables.servicePoint(premiseId, "WATER", "Water");
            types[i++] = "WATER";
        }
        if (fiber) {
            ids[i] = tables.servicePoint(premiseId, "FIBER", "Fiber");
            types[i] = "FIBER";
        }
        return new Place(premiseId, type, site, ids, types);
    }

    /** Meters for the electric and water points; {@code builtOn} is when the premise was first served. */
    void meter(Place place, LocalDate builtOn) {
        for (int i = 0; i < place.pointIds().length; i++) {
            switch (place.serviceTypes()[i]) {
                case "ELECTRIC" -> electric(place, place.pointIds()[i], builtOn);
                case "WATER" -> water(place.pointIds()[i], builtOn);
                default -> {
                    // fiber is delivered through an ONT, not a meter
                }
            }
        }
    }

    private void electric(Place place, long pointId, LocalDate builtOn) {
        boolean ctRated = "LARGE_POWER".equals(place.type())
                || ("IRRIGATION".equals(place.type()) && rng.nextDouble() < 0.15);
        boolean ami = ctRated || rng.nextDouble() < 0.85;
        String kind;
        int multiplier = 1;
        if (ctRated) {
            kind = "Itron C&I CT-rated";
            multiplier = "LARGE_POWER".equals(place.type()) ? 40 * (1 + rng.nextInt(3)) : 20 * (1 + rng.nextInt(2));
        } else if ("SMALL_COMMERCIAL".equals(place.type()) || "IRRIGATION".equals(place.type())) {
            kind = ami ? (rng.nextBoolean() ? "Itron CENTRON Polyphase" : "Landis+Gyr Focus AXe") : "GE kV2c";
        } else {
            kind = ami ? (rng.nextDouble() < 0.55 ? "Itron Centron CP2SO" : "Landis+Gyr Focus AXR-SD")
                    : Names.pick(rng, OLD_ELECTRIC);
        }
        double d = rng.nextDouble();
        int dials = ctRated ? 5 : d < 0.8 ? 5 : d < 0.9 ? 4 : 6;
        LocalDate installed = installedOn(builtOn, ami);
        // Roughly one meter in ten shows an exchange; a meter set when the premise was built has nothing to replace.
        if (rng.nextDouble() < 0.22) {
            exchanged(pointId, "ELECTRIC", Names.pick(rng, OLD_ELECTRIC), multiplier, builtOn, installed);
        }
        long meterId = tables.meter(electricNumber(), "ELECTRIC", kind, multiplier, dials, ami);
        tables.installation(meterId, pointId, installed, null);
    }

    private void water(long pointId, LocalDate builtOn) {
        double r = rng.nextDouble();
        boolean ami = r < 0.55;
        String kind = ami ? "Sensus iPERL" : r < 0.8 ? "Badger Recordall M25" : "Neptune T-10";
        LocalDate installed = installedOn(builtOn, ami);
        if (rng.nextDouble() < 0.22) {
            exchanged(pointId, "WATER", "Neptune T-10", 1, builtOn, installed);
        }
        long meterId = tables.meter(waterNumber(), "WATER", kind, 1, 6, ami);
        tables.installation(meterId, pointId, installed, null);
    }

    /** The meter an exchange took out: in service from when the premise was built until the new one went in. */
    private void exchanged(long pointId, String service, String kind, int multiplier, LocalDate builtOn, LocalDate swap) {
        LocalDate earliest = builtOn.isAfter(swap.minusYears(30)) ? builtOn : swap.minusYears(30);
        long span = swap.toEpochDay() - earliest.toEpochDay();
        if (span < 30) {
            return;
        }
        LocalDate installed = earliest.plusDays(rng.nextLong(span / 2 + 1));
        String number = "ELECTRIC".equals(service) ? electricNumber() : waterNumber();
        long meterId = tables.meter(number, service, kind, multiplier, "WATER".equals(service) ? 6 : 5, false);
        tables.installation(meterId, pointId, installed, swap);
    }

    /** AMI meters went in during the 2015-2019 rollout or with the premise if newer; older meters with the premise. */
    private LocalDate installedOn(LocalDate builtOn, boolean ami) {
        LocalDate date = builtOn;
        if (ami) {
            LocalDate rollout = AMI_ROLLOUT_START.plusDays(rng.nextInt(AMI_ROLLOUT_DAYS));
            date = rollout.isAfter(builtOn) ? rollout : builtOn;
        } else if (builtOn.isBefore(LocalDate.of(1986, 1, 1))) {
            date = LocalDate.of(1986, 1, 1).plusDays(rng.nextInt(8000));
        }
        return date.isAfter(today) ? today : date;
    }

    /** Electric meters: eight digits starting with 3; strictly increasing, so unique. */
    private String electricNumber() {
        return Long.toString(31_000_000L + 3 * electricNumbers++ + rng.nextInt(3));
    }

    /** Water meters: seven digits starting with 7 while they last, then eight. */
    private String waterNumber() {
        long n = waterNumbers++;
        return Long.toString(n < 499_000 ? 7_000_000L + 2 * n + rng.nextInt(2) : 70_000_000L + n);
    }
}
