package coop.switchboard.demo;

import coop.switchboard.demo.CsrNotes.Note;
import coop.switchboard.demo.ServiceLocations.Place;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Who has been served at a premise: an account per occupant in turn, the service agreements that tie the account
 * to the premise's service points for the time it was theirs, the notes staff logged, and people authorised to
 * discuss the account.
 */
final class Occupancy {
    /** One occupant's time at a premise; {@code closed} is null while it lasts. */
    record Tenure(MemberCard member, LocalDate opened, LocalDate closed, String status, boolean landlordHeld) {
    }

    private static final double[] NOTE_COUNTS = {0.20, 0.44, 0.64, 0.79, 0.89, 0.96, 1.0};
    private final RandomGenerator rng;
    private final Tables tables;
    private final People people;
    private final LocalDate today;
    private final ZoneId zone;

    Occupancy(RandomGenerator rng, Tables tables, People people, LocalDate today, ZoneId zone) {
        this.rng = rng;
        this.tables = tables;
        this.people = people;
        this.today = today;
        this.zone = zone;
    }

    /** Writes the tenures of a place, oldest first. */
    void write(Place place, List<Tenure> oldestFirst) {
        for (Tenure t : oldestFirst) {
            long accountId = tables.account(t.member().id(), t.status(), delivery(t), t.opened(), t.closed());
            if ("PENDING".equals(t.status())) {
                pendingMoveIn(place, t, accountId);
                continue;
            }
            agreements(place, t, accountId);
            notes(place, t, accountId);
            if ("ACTIVE".equals(t.status()) && rng.nextDouble() < 0.06) {
                authorizedParty(t, accountId);
            }
        }
    }

    private String delivery(Tenure t) {
        boolean emailEra = t.closed() == null || t.closed().getYear() >= 2012;
        return t.member().hasEmail() && emailEra && rng.nextDouble() < 0.5 ? "EMAIL" : "MAIL";
    }

    /**
     * A move-in applied for but not yet started: its agreements begin on the requested date, a few days ahead, so
     * the premise has no current agreement until then. Fiber is ordered once the member is in.
     */
    private void pendingMoveIn(Place place, Tenure t, long accountId) {
        LocalDate moveIn = today.plusDays(2 + rng.nextInt(13));
        for (int i = 0; i < place.pointIds().length; i++) {
            String service = place.serviceTypes()[i];
            if (!"FIBER".equals(service)) {
                tables.agreement(accountId, place.pointIds()[i], rateSchedule(place.type(), service), moveIn, null);
            }
        }
        tables.interaction(accountId, CsrNotes.pending(moveIn), at(t.opened()));
    }

    private void agreements(Place place, Tenure t, long accountId) {
        for (int i = 0; i < place.pointIds().length; i++) {
            String service = place.serviceTypes()[i];
            if (t.landlordHeld() && "FIBER".equals(service)) {
                continue;
            }
            LocalDate start = t.opened();
            if ("FIBER".equals(service) && start.isBefore(ServiceLocations.FIBER_LAUNCH)) {
                start = ServiceLocations.FIBER_LAUNCH;
            }
            if (t.closed() != null && t.closed().isBefore(start)) {
                continue;
            }
            tables.agreement(accountId, place.pointIds()[i], rateSchedule(place.type(), service), start, t.closed());
        }
    }

    /** The rate schedule a service at a premise of this type is billed on. */
    static String rateSchedule(String premiseType, String service) {
        return switch (service) {
            case "WATER" -> "W";
            case "FIBER" -> "FB";
            default -> switch (premiseType) {
                case "SMALL_COMMERCIAL" -> "GS";
                case "LARGE_POWER" -> "LP";
                case "IRRIGATION" -> "IRR";
                case "PUBLIC_LIGHTING" -> "SL";
                default -> "RS";
            };
        };
    }

    private void notes(Place place, Tenure t, long accountId) {
        boolean spanish = t.member().spanish();
        switch (t.status()) {
            case "ACTIVE" -> routineNotes(place, t, accountId, spanish);
            case "FINAL" -> tables.interaction(accountId, CsrNotes.moveOut(rng, t.closed()), at(t.closed()));
            case "WRITTEN_OFF" -> {
                LocalDate when = t.closed().plusDays(120 + rng.nextInt(30));
                if (when.isBefore(today)) {
                    tables.interaction(accountId, CsrNotes.writtenOff(when), at(when));
                }
            }
            default -> {
                // closed long ago: the notes of that time were not converted
            }
        }
    }

    private void routineNotes(Place place, Tenure t, long accountId, boolean spanish) {
        LocalDate from = today.minusDays(730);
        LocalDate to = today.minusDays(1);
        if (t.opened().isAfter(from)) {
            from = t.opened();
        }
        if (from.isAfter(to)) {
            return;
        }
        double r = rng.nextDouble();
        int count = 0;
        while (r >= NOTE_COUNTS[count]) {
            count++;
        }
        boolean movedInLately = from.equals(t.opened()) && !t.landlordHeld();
        if (movedInLately) {
            tables.interaction(accountId, CsrNotes.moveIn(rng, t.opened(), spanish, !"WAIVED".equals(t.member().feeStatus())),
                    at(t.opened()));
            count = Math.max(0, count - 1);
        }
        if (count == 0) {
            return;
        }
        long span = to.toEpochDay() - from.toEpochDay() + 1;
        long[] days = new long[count];
        for (int i = 0; i < count; i++) {
            days[i] = from.toEpochDay() + rng.nextLong(span);
        }
        Arrays.sort(days);
        for (long day : days) {
            LocalDate date = LocalDate.ofEpochDay(day);
            Note note = CsrNotes.routine(rng, date, place.site().streetName(), place.site().transformer(), spanish);
            tables.interaction(accountId, note, at(date));
        }
    }

    /** A time during office hours; weekend calls land on the Monday after, as the voicemail is worked then. */
    private Instant at(LocalDate day) {
        LocalDate d = day;
        if (d.getDayOfWeek() == DayOfWeek.SATURDAY) {
            d = d.plusDays(2);
        } else if (d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.plusDays(1);
        }
        if (!d.isBefore(today)) {
            d = day;
        }
        return d.atTime(8 + rng.nextInt(9), rng.nextInt(60), rng.nextInt(60)).atZone(zone).toInstant();
    }

    private void authorizedParty(Tenure t, long accountId) {
        MemberCard m = t.member();
        String name;
        String relationship;
        boolean hispanic = m.spanish();
        String fullName = people.firstName(rng, hispanic, rng.nextBoolean()) + " " + people.surname(rng, hispanic);
        if (t.landlordHeld()) {
            name = fullName;
            relationship = "Property manager";
        } else if (m.business()) {
            name = fullName;
            relationship = rng.nextBoolean() ? "Office manager" : "Bookkeeper";
        } else {
            double r = rng.nextDouble();
            if (r < 0.75) {
                name = people.firstName(rng, hispanic, rng.nextBoolean()) + " " + m.lastName();
                relationship = r < 0.5 ? "Spouse" : "Adult child";
            } else {
                name = fullName;
                relationship = r < 0.9 ? "Power of attorney" : "Caregiver";
            }
        }
        String phone = rng.nextDouble() < 0.7 ? people.mobile(rng, "509").digits() : null;
        long span = Math.max(1, today.toEpochDay() - t.opened().toEpochDay());
        LocalDate added = t.opened().plusDays(rng.nextLong(span));
        LocalDate removed = null;
        if (rng.nextDouble() < 0.08 && added.isBefore(today)) {
            removed = added.plusDays(1 + rng.nextLong(Math.max(1, today.toEpochDay() - added.toEpochDay())));
            if (removed.isAfter(today)) {
                removed = today;
            }
        }
        tables.authorizedParty(accountId, name, relationship, phone, added, removed);
    }
}
