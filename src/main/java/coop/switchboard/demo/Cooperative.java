package coop.switchboard.demo;

import coop.switchboard.demo.Network.Site;
import coop.switchboard.demo.Occupancy.Tenure;
import coop.switchboard.demo.ServiceLocations.Place;
import coop.switchboard.demo.Towns.Town;
import coop.switchboard.shared.SensitiveData;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Grows the cooperative one customer group at a time (a household, an apartment building, a farm with its pumps, a
 * business, a town's street lights) until it has the members asked for. Everything follows from one seeded
 * generator drawn in a fixed order, so the same seed and size give the same cooperative.
 * <p>
 * Most earlier occupants of a home moved within the territory: they are written when the next home takes them in,
 * and a batch is handed over only when no one is between homes, so every account's member is in the same or an
 * earlier batch. Floating-point steps use {@link StrictMath}, so every JVM draws the same cooperative.
 */
final class Cooperative {
    static final String ALGORITHM = "L64X128MixRandom";
    private static final double MOVER_SHARE = 0.97;
    private static final String[] LIGHTS = {"Street lights", "Park lights", "Ballfield lights", "Security light",
            "Parking lot lights"};

    private record Mover(MemberCard card, LocalDate movedOn) {
    }

    private static final class Landlord {
        final MemberCard card;
        int remaining;

        Landlord(MemberCard card, int remaining) {
            this.card = card;
            this.remaining = remaining;
        }
    }

    private final RandomGenerator rng;
    private final int target;
    private final LocalDate today;
    private final People people;
    private final Network network;
    private final Tables tables;
    private final MembershipRoll roll;
    private final ServiceLocations locations;
    private final Occupancy occupancy;
    private final DemoCycles cycles;
    private final DemoMeters meters;
    private final ReadCases cases;
    private final MeterReadings readings;
    private final ArrayDeque<Mover> movers = new ArrayDeque<>();
    private final List<Landlord> landlords = new ArrayList<>();
    private final Map<String, MemberCard> publicBodies = new HashMap<>();
    private int flushChars = Batch.FLUSH_CHARS;

    Cooperative(long seed, int members, LocalDate today, ZoneId zone, Instant now, SensitiveData sealer) {
        this.rng = RandomGeneratorFactory.of(ALGORITHM).create(seed);
        this.target = members;
        this.today = today;
        this.people = new People(seed);
        this.network = new Network(rng);
        this.tables = new Tables(sealer, now);
        this.roll = new MembershipRoll(rng, people, tables, today);
        this.locations = new ServiceLocations(rng, tables, today);
        this.occupancy = new Occupancy(rng, tables, people, today, zone);
        this.cycles = new DemoCycles(today);
        this.meters = new DemoMeters(seed, tables, cycles, today);
        this.cases = new ReadCases(tables, today, zone);
        this.readings = new MeterReadings(seed, tables, cycles, meters, cases, today, zone, now);
        tables.placer = meters;
    }

    /** The latest reads held back to be recorded, and so validated, once the demo is in the database. */
    List<ReadCases.Post> heldReads() {
        return cases.posts();
    }

    MeterReadings readings() {
        return readings;
    }

    DemoMeters meters() {
        return meters;
    }

    Tables tables() {
        return tables;
    }

    /** Smaller batches, for tests that follow references across batches. */
    Cooperative flushingEvery(int chars) {
        this.flushChars = chars;
        return this;
    }

    /** Generates the whole cooperative, handing over batches of about {@link Batch#FLUSH_CHARS} characters. */
    void run(Consumer<Batch> sink) {
        cycles.write(tables);
        while (canIssue() || !movers.isEmpty()) {
            group();
            if (movers.isEmpty() && tables.batch.length() >= flushChars) {
                sink.accept(tables.take());
            }
        }
        if (!tables.batch.isEmpty()) {
            sink.accept(tables.take());
        }
    }

    private boolean canIssue() {
        return tables.members < target;
    }

    private void group() {
        Town town = Towns.pick(rng);
        if (!canIssue()) {
            household(town, rng.nextDouble() < town.ruralShare());
            return;
        }
        double r = rng.nextDouble();
        if (r < 0.888) {
            household(town, rng.nextDouble() < town.ruralShare());
        } else if (r < 0.895) {
            apartments(town);
        } else if (r < 0.945) {
            farm();
        } else if (r < 0.996) {
            business(town);
        } else {
            publicBody(town);
        }
    }

    private void household(Town town, boolean rural) {
        Site site = network.next(town, rural);
        boolean rented = rng.nextDouble() < (rural ? 0.08 : 0.20);
        MemberCard owner = rented ? landlord(town) : null;
        boolean water = town.water() && !rural && rng.nextDouble() < 0.62;
        boolean fiber = rng.nextDouble() < (rural ? 0.18 : 0.32);
        Place place = locations.build("RESIDENTIAL", site, null, owner == null ? null : owner.id(), water, fiber);
        occupyHome(place, site, null, owner);
    }

    /** An apartment building: one owner, a unit per premise, and the owner's house meter for halls and laundry. */
    private void apartments(Town town) {
        int units = 5 + rng.nextInt(8);
        MemberCard owner = landlord(town);
        Site site = network.building(town, units + (owner == null ? 0 : 1));
        if (owner != null) {
            Place house = locations.build("SMALL_COMMERCIAL", site, "House meter", owner.id(), false, false);
            LocalDate since = later(owner.since(), today.minusYears(25));
            finish(house, new ArrayList<>(List.of(new Tenure(owner, since, null, "ACTIVE", true))));
        }
        boolean letters = rng.nextDouble() < 0.3;
        for (int k = 1; k <= units; k++) {
            String unit = letters ? "Unit " + (char) ('A' + k - 1) : "Apt " + k;
            Place place = locations.build("RESIDENTIAL", site, unit, owner == null ? null : owner.id(), false,
                    rng.nextDouble() < 0.3);
            occupyHome(place, site, unit, owner);
        }
    }

    /** The occupants of a home: the current one (someone moving within the co-op first) or a vacancy, then those before. */
    private void occupyHome(Place place, Site site, String unit, MemberCard owner) {
        boolean rented = owner != null;
        List<Tenure> tenures = new ArrayList<>(4);
        LocalDate historyEnd;
        double historyChance = 0.33;
        Mailing home = Mailing.of(site, unit);
        if (rng.nextDouble() < 0.11 || (!canIssue() && movers.isEmpty())) {
            LocalDate lastOut = today.minusDays(20 + rng.nextInt(900));
            historyEnd = lastOut;
            historyChance = 0.85;
            if (owner != null && !owner.since().isAfter(lastOut) && rng.nextDouble() < 0.6) {
                tenures.add(new Tenure(owner, lastOut, null, "ACTIVE", true));
            } else if (canIssue() && rng.nextDouble() < 0.12) {
                LocalDate opened = today.minusDays(1 + rng.nextInt(10));
                MemberCard m = roll.person(site.town(), opened, people.localAreaCode(rng)).withFeeStatus("UNPAID");
                tables.member(m, roll.mailing(home, site.town()));
                tenures.add(new Tenure(m, opened, null, "PENDING", false));
            }
        } else {
            Mover mover = movers.poll();
            MemberCard current;
            LocalDate start;
            if (mover != null) {
                current = mover.card();
                start = mover.movedOn();
            } else {
                start = today.minusDays(tenureDays(rented));
                current = roll.person(site.town(), start, people.localAreaCode(rng));
                if (!rented && rng.nextDouble() < 0.04) {
                    landlords.add(new Landlord(current, 1 + rng.nextInt(6)));
                }
            }
            tables.member(current, roll.mailing(home, site.town()));
            tenures.add(new Tenure(current, start, null, "ACTIVE", false));
            historyEnd = start;
        }
        past(tenures, historyEnd, rented, place.type(), historyChance, site.town());
        finish(place, tenures);
    }

    /** Earlier occupants, newest first, going back from {@code end}; most moved on within the territory. */
    private void past(List<Tenure> tenures, LocalDate end, boolean rented, String premiseType, double chance, Town town) {
        if (rng.nextDouble() >= chance) {
            return;
        }
        boolean residential = "RESIDENTIAL".equals(premiseType);
        int count = 1 + People.weighted(rng, 0.62, 0.9);
        LocalDate cursor = end;
        for (int i = 0; i < count && canIssue(); i++) {
            LocalDate closed = cursor.minusDays(rented ? rng.nextInt(21) : rng.nextInt(150));
            LocalDate opened = closed.minusDays(rented ? 150 + rng.nextInt(1400) : 365 + rng.nextInt(5000));
            if (opened.isBefore(today.minusYears(40))) {
                break;
            }
            String status = closed.isAfter(today.minusDays(75)) ? "FINAL"
                    : closed.isBefore(today.minusYears(1)) && rng.nextDouble() < 0.04 ? "WRITTEN_OFF" : "CLOSED";
            boolean mover = residential && !"WRITTEN_OFF".equals(status) && closed.isAfter(today.minusYears(30))
                    && rng.nextDouble() < MOVER_SHARE;
            MemberCard m;
            if (residential || rng.nextDouble() < 0.3) {
                m = roll.person(town, opened, people.localAreaCode(rng));
            } else {
                String surname = people.surname(rng, rng.nextDouble() < town.hispanicShare());
                String name = roll.distinct(() -> switch (premiseType) {
                    case "IRRIGATION" -> Businesses.farm(rng, town, surname);
                    case "LARGE_POWER" -> Businesses.industry(rng, town, surname);
                    default -> Businesses.shop(rng, town, surname);
                });
                m = roll.business(name, town, opened);
            }
            if (mover) {
                movers.add(new Mover(m, closed));
            } else {
                roll.former(m, closed);
            }
            tenures.add(new Tenure(m, opened, closed, status, false));
            cursor = opened;
        }
    }

    /** A farm: the farmer's home and one to three irrigation pumps out on the county roads. */
    private void farm() {
        Town town = rng.nextDouble() < 0.5 ? Towns.irrigationValley() : Towns.pick(rng);
        LocalDate since = today.minusDays(365 + rng.nextInt(14000));
        Site home = network.next(town, true);
        MemberCard farmer;
        if (rng.nextDouble() < 0.25) {
            String surname = people.surname(rng, rng.nextDouble() < town.hispanicShare());
            farmer = roll.business(roll.distinct(() -> Businesses.farm(rng, town, surname)), town, since);
            tables.member(farmer, rng.nextBoolean() ? Mailing.poBox(rng, town) : Mailing.of(home, null));
        } else {
            farmer = roll.person(town, since, people.localAreaCode(rng));
            tables.member(farmer, roll.mailing(Mailing.of(home, null), town));
        }
        Place house = locations.build("RESIDENTIAL", home, null, null, false, rng.nextDouble() < 0.15);
        List<Tenure> tenures = new ArrayList<>(List.of(new Tenure(farmer, since, null, "ACTIVE", false)));
        past(tenures, since, false, "RESIDENTIAL", 0.25, town);
        finish(house, tenures);
        int pumps = 1 + rng.nextInt(3);
        for (int k = 1; k <= pumps; k++) {
            Place pump = locations.build("IRRIGATION", network.next(town, true), "Pump " + k, null, false, false);
            occupyBy(pump, farmer, town, 0.2);
        }
    }

    /** A business with one to four locations; a few are mills or packing houses on large power service. */
    private void business(Town town) {
        boolean industrial = rng.nextDouble() < 0.08;
        LocalDate since = today.minusDays(200 + rng.nextInt(14400));
        String surname = people.surname(rng, rng.nextDouble() < town.hispanicShare());
        String name = roll.distinct(() -> industrial ? Businesses.industry(rng, town, surname)
                : Businesses.shop(rng, town, surname));
        MemberCard business = roll.business(name, town, since);
        int count = industrial ? 1 + (rng.nextDouble() < 0.3 ? 1 : 0)
                : 1 + People.weighted(rng, 0.82, 0.95) + (rng.nextDouble() < 0.02 ? 1 : 0);
        for (int i = 0; i < count; i++) {
            Town where = i == 0 ? town : Towns.pick(rng);
            boolean rural = rng.nextDouble() < (industrial ? 0.5 : 0.15);
            Site site = network.next(where, rural);
            if (i == 0) {
                tables.member(business, rng.nextBoolean() ? Mailing.of(site, null) : Mailing.poBox(rng, town));
            }
            String type = industrial && i == 0 ? "LARGE_POWER" : "SMALL_COMMERCIAL";
            Place place = locations.build(type, site, null, null, where.water() && !rural && rng.nextDouble() < 0.5,
                    rng.nextDouble() < 0.45);
            occupyBy(place, business, where, 0.2);
        }
    }

    /** A town body's street and park lights, and now and then one of its buildings. */
    private void publicBody(Town town) {
        String name = Businesses.publicBody(rng, town);
        MemberCard body = publicBodies.get(name);
        if (body == null) {
            body = roll.business(name, town, today.minusDays(9000 + rng.nextInt(5600))).withFeeStatus("WAIVED");
            tables.member(body, Mailing.poBox(rng, town));
            publicBodies.put(name, body);
        }
        int lights = 1 + rng.nextInt(3);
        for (int k = 0; k < lights; k++) {
            String label = Names.pick(rng, LIGHTS);
            if (label.endsWith("lights") && rng.nextBoolean()) {
                label = label + " (" + (4 + rng.nextInt(30)) + ")";
            }
            Place place = locations.build("PUBLIC_LIGHTING", network.next(town, false), label, null, false, false);
            occupyBy(place, body, town, 0);
        }
        if (rng.nextDouble() < 0.3) {
            Place building = locations.build("SMALL_COMMERCIAL", network.next(town, false), null, null, town.water(),
                    rng.nextDouble() < 0.8);
            occupyBy(building, body, town, 0);
        }
    }

    /** A premise a known member took on some time after joining, with whoever had it before. */
    private void occupyBy(Place place, MemberCard member, Town town, double historyChance) {
        long span = Math.max(1, (today.toEpochDay() - member.since().toEpochDay()) / 2);
        LocalDate opened = member.since().plusDays(rng.nextLong(span));
        List<Tenure> tenures = new ArrayList<>(List.of(new Tenure(member, opened, null, "ACTIVE", false)));
        past(tenures, opened, false, place.type(), historyChance, town);
        finish(place, tenures);
    }

    /** Meters from when the premise was first served, then the accounts, oldest first. */
    private void finish(Place place, List<Tenure> newestFirst) {
        Collections.reverse(newestFirst);
        LocalDate builtOn = newestFirst.isEmpty() ? today.minusDays(30 + rng.nextInt(3000))
                : newestFirst.get(0).opened().minusDays(rng.nextInt(30));
        meters.begin(place, newestFirst);
        locations.meter(place, builtOn);
        occupancy.write(place, newestFirst);
        readings.finish();
    }

    private MemberCard landlord(Town town) {
        if (!landlords.isEmpty() && (rng.nextDouble() < 0.85 || !canIssue())) {
            int i = rng.nextInt(landlords.size());
            Landlord l = landlords.get(i);
            if (--l.remaining <= 0) {
                landlords.set(i, landlords.get(landlords.size() - 1));
                landlords.remove(landlords.size() - 1);
            }
            return l.card;
        }
        if (!canIssue()) {
            return null;
        }
        LocalDate since = today.minusDays(1100 + rng.nextInt(11700));
        Mailing mail = rng.nextDouble() < 0.6 ? Mailing.elsewhere(rng) : Mailing.poBox(rng, town);
        MemberCard m = rng.nextDouble() < 0.3
                ? roll.business(roll.distinct(() -> Businesses.landlord(rng, town, people.surname(rng, false))), town, since)
                : roll.person(town, since, mail.areaCode());
        tables.member(m, mail);
        int capacity = rng.nextDouble() < 0.15 ? 8 + rng.nextInt(13) : 2 + rng.nextInt(5);
        landlords.add(new Landlord(m, capacity - 1));
        return m;
    }

    /** How long the current occupant has been there: renters a few years, owners often decades. */
    private long tenureDays(boolean rented) {
        double mean = rented ? 900 : 3300;
        long days = (long) (-mean * StrictMath.log(1 - rng.nextDouble()));
        return Math.min(rented ? 5500 : 14600, 30 + days);
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
