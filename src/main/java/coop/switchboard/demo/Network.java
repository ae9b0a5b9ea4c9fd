package coop.switchboard.demo;

import coop.switchboard.demo.Towns.Street;
import coop.switchboard.demo.Towns.Town;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Lays premises along streets and hangs them on the distribution network: each service transformer feeds 5 to 15
 * neighbouring premises on one street, and every street belongs to one feeder of the town's substation. House
 * numbers only ever grow along a street, so no address repeats.
 */
final class Network {
    static final int MIN_PER_TRANSFORMER = 5;
    static final int MAX_PER_TRANSFORMER = 15;
    private static final int TOWN_MAX_STEP = 8;
    private static final int RURAL_MAX_STEP = 450;

    /** A place on the network where a premise can be built. */
    record Site(Town town, boolean rural, String line1, String streetName, int number, double latitude,
                double longitude, String mapLocation, String feeder, String transformer) {
    }

    private final RandomGenerator rng;
    private final Cursor[] cursors;
    private long transformerSeq = 4000;

    Network(RandomGenerator rng) {
        this.rng = rng;
        this.cursors = new Cursor[Towns.ALL.size() * 2];
        for (Town town : Towns.ALL) {
            cursors[town.index() * 2] = new Cursor(town, false);
            cursors[town.index() * 2 + 1] = new Cursor(town, true);
        }
    }

    /** The next premise site in a town or in the country around it. */
    Site next(Town town, boolean rural) {
        Cursor c = cursors[town.index() * 2 + (rural ? 1 : 0)];
        if (c.remaining <= 0) {
            c.newTransformer(MIN_PER_TRANSFORMER + rng.nextInt(MAX_PER_TRANSFORMER - MIN_PER_TRANSFORMER + 1));
        }
        c.remaining--;
        return c.site(c.lane, c.transformer);
    }

    /**
     * One address for a building of {@code units} premises (five or more) on a pad-mount transformer of its own;
     * the street's pole transformer being filled carries on after it.
     */
    Site building(Town town, int units) {
        if (units < MIN_PER_TRANSFORMER || units > MAX_PER_TRANSFORMER) {
            throw new IllegalArgumentException("a building's transformer feeds 5 to 15 premises, not " + units);
        }
        Cursor c = cursors[town.index() * 2];
        Lane lane = c.pickLane();
        transformerSeq += 1 + rng.nextInt(3);
        return c.site(lane, String.format(Locale.ROOT, "T-%06d", transformerSeq));
    }

    private static final class Lane {
        final Street street;
        int next;

        Lane(Street street) {
            this.street = street;
            this.next = street.first();
        }
    }

    private final class Cursor {
        final Town town;
        final boolean rural;
        final List<Lane> open = new ArrayList<>();
        int created;
        Lane lane;
        String transformer;
        int remaining;

        Cursor(Town town, boolean rural) {
            this.town = town;
            this.rural = rural;
            for (Street s : rural ? town.roads() : town.streets()) {
                open.add(new Lane(s));
            }
        }

        int maxStep() {
            return rural ? RURAL_MAX_STEP : TOWN_MAX_STEP;
        }

        boolean fits(Lane l, int premises) {
            return l.next + (long) premises * maxStep() <= l.street.last();
        }

        /** Starts a transformer on a street with room for all it will feed, so none is left short at a street's end. */
        void newTransformer(int capacity) {
            if (lane == null || !fits(lane, capacity) || rng.nextDouble() < 0.3) {
                lane = pickLane();
            }
            transformerSeq += 1 + rng.nextInt(3);
            transformer = String.format(Locale.ROOT, "T-%06d", transformerSeq);
            remaining = capacity;
        }

        Lane pickLane() {
            while (!open.isEmpty()) {
                int i = rng.nextInt(open.size());
                Lane l = open.get(i);
                if (fits(l, MAX_PER_TRANSFORMER)) {
                    return l;
                }
                open.set(i, open.get(open.size() - 1));
                open.remove(open.size() - 1);
            }
            Lane fresh = new Lane(rural ? newRoad() : newStreet());
            open.add(fresh);
            return fresh;
        }

        Street newRoad() {
            int k = created++;
            int combos = Towns.ROAD_WORDS.length * Towns.ROAD_SUFFIXES.length;
            String name = k < combos
                    ? Towns.ROAD_WORDS[k % Towns.ROAD_WORDS.length] + " " + Towns.ROAD_SUFFIXES[k / Towns.ROAD_WORDS.length]
                    : "Forest Service Rd " + (2000 + k - combos);
            return Towns.road(name, 1000 + town.roads().size() + k, town.lat(), town.lon());
        }

        Street newStreet() {
            int k = created++;
            int index = town.streets().size() + k;
            int combos = Towns.SUBDIVISION_WORDS.length * Towns.SUBDIVISION_SUFFIXES.length;
            if (k < combos) {
                String name = Towns.SUBDIVISION_WORDS[k % Towns.SUBDIVISION_WORDS.length] + " "
                        + Towns.SUBDIVISION_SUFFIXES[k / Towns.SUBDIVISION_WORDS.length];
                return Towns.subdivision(name, index, town);
            }
            // Past the subdivisions the grid grows east: N 7th Ave, S 7th Ave, N 8th Ave, ...
            int avenue = 7 + (k - combos) / 2;
            String name = ((k - combos) % 2 == 0 ? "N " : "S ") + ordinal(avenue) + " Ave";
            return Towns.subdivision(name, index, town);
        }

        Site site(Lane lane, String transformer) {
            Street s = lane.street;
            int number;
            if (rural) {
                number = lane.next;
                lane.next += 50 + rng.nextInt(RURAL_MAX_STEP - 50 + 1);
            } else {
                // Even base numbers two or more apart, then a side of the street: numbers stay unique.
                number = lane.next + (rng.nextBoolean() ? 1 : 0);
                lane.next += 2 + 2 * rng.nextInt(TOWN_MAX_STEP / 2);
            }
            double jitter = rural ? 0.0008 : 0.00015;
            double lat = s.latitude(number) + (rng.nextDouble() - 0.5) * jitter;
            double lon = s.longitude(number) + (rng.nextDouble() - 0.5) * jitter;
            String map = rural ? Towns.townshipRangeSection(lat, lon) : Towns.mapPage(town, lat, lon);
            return new Site(town, rural, number + " " + s.name(), s.name(), number, lat, lon, map, feeder(s), transformer);
        }

        /** Town streets take feeders F1-F4 and county roads F5-F7; a growing territory adds substations. */
        String feeder(Street s) {
            int group = rural ? (s.index() - 1000) / 5 : s.index() / 8;
            int perSubstation = rural ? 3 : 4;
            int substation = town.index() + 1 + Towns.ALL.size() * (group / perSubstation);
            int feeder = (rural ? 5 : 1) + group % perSubstation;
            return "SUB" + substation + "-F" + feeder;
        }
    }

    static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
