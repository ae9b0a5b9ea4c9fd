package coop.switchboard.demo;

import coop.switchboard.demo.Towns.Town;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The cooperative's roll of members: each person or business as they join, with identity, contacts and the
 * state of their membership fee, and where their mail goes.
 */
final class MembershipRoll {
    private final RandomGenerator rng;
    private final People people;
    private final Tables tables;
    private final LocalDate today;
    private final Set<String> businessNames = new HashSet<>();

    MembershipRoll(RandomGenerator rng, People people, Tables tables, LocalDate today) {
        this.rng = rng;
        this.people = people;
        this.tables = tables;
        this.today = today;
    }

    /** A member who left the territory: mail goes to where they moved; some have since died, some had the fee refunded. */
    void former(MemberCard card, LocalDate closed) {
        MemberCard m = card;
        if (!m.business() && m.birthDate().getYear() < 1950 && rng.nextDouble() < 0.45) {
            long since = Math.max(1, today.toEpochDay() - closed.toEpochDay());
            m = m.deceased(closed.plusDays(rng.nextLong(since)));
        }
        if (rng.nextDouble() < 0.35) {
            m = m.withFeeStatus("REFUNDED");
        }
        tables.member(m, rng.nextDouble() < 0.75 ? Mailing.elsewhere(rng) : Mailing.poBox(rng, Towns.pick(rng)));
    }

    /** Mostly the service address; some members get mail at a post office box, a few far away for the winter. */
    Mailing mailing(Mailing home, Town town) {
        double r = rng.nextDouble();
        if (r < 0.88) {
            return home;
        }
        if (r < 0.97) {
            return Mailing.poBox(rng, r < 0.95 ? town : Towns.pick(rng));
        }
        return Mailing.elsewhere(rng);
    }

    /** A business name not yet taken, if a few tries find one: two "Pinecrest Pharmacy" members would confuse. */
    String distinct(Supplier<String> names) {
        String name = names.get();
        for (int i = 0; i < 4 && businessNames.contains(name); i++) {
            name = names.get();
        }
        businessNames.add(name);
        return name;
    }

    /** A person joining on {@code since}; {@code areaCode} is where their phones were issued. */
    MemberCard person(Town town, LocalDate since, String areaCode) {
        long id = tables.nextMemberId();
        boolean hispanic = rng.nextDouble() < town.hispanicShare();
        boolean female = rng.nextBoolean();
        String first = people.firstName(rng, hispanic, female);
        String middle = rng.nextDouble() < (hispanic ? 0.4 : 0.55) ? people.firstName(rng, hispanic, female) : null;
        if (first.equals(middle)) {
            middle = null;
        }
        String last = people.surname(rng, hispanic);
        if (hispanic && rng.nextDouble() < 0.12) {
            last = last + " " + people.surname(rng, true);
        }
        if (hispanic && rng.nextDouble() < 0.4) {
            // Records keyed in before the system took accents.
            first = Names.plain(first);
            middle = middle == null ? null : Names.plain(middle);
            last = Names.plain(last);
        }
        boolean spanish = hispanic && rng.nextDouble() < 0.8;
        LocalDate birth = people.birthDate(rng, since, today);
        List<String> emails = people.personEmails(rng, first, last, birth.getYear());
        List<People.Phone> phones = people.personPhones(rng, town, areaCode);
        String[] photo = rng.nextDouble() < (since.getYear() >= 2005 ? 0.95 : 0.35) ? people.photoId(rng) : null;
        return new MemberCard(id, false, first, middle, last, null, spanish, phones, emails, people.ssn(id), birth,
                photo == null ? null : photo[0], photo == null ? null : photo[1], since, feeStatus(), null);
    }

    MemberCard business(String name, Town town, LocalDate since) {
        long id = tables.nextMemberId();
        return new MemberCard(id, true, null, null, null, name, false, people.businessPhones(rng, town, "509"),
                people.businessEmails(rng, name), people.ein(id), null, null, null, since, feeStatus(), null);
    }

    private String feeStatus() {
        double r = rng.nextDouble();
        return r < 0.91 ? "PAID" : r < 0.96 ? "WAIVED" : "UNPAID";
    }
}
