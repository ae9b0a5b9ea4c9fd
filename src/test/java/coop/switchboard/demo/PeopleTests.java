package coop.switchboard.demo;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

class PeopleTests {
    private final People people = new People(DemoUtility.DEFAULT_SEED);

    @Test
    void socialSecurityNumbersAreValidAndNoTwoMembersShareOne() {
        Set<String> seen = new HashSet<>();
        for (long id = 1; id <= 200_000; id++) {
            String ssn = people.ssn(id);
            int area = Integer.parseInt(ssn.substring(0, 3));
            boolean valid = ssn.matches("\\d{9}") && area >= 1 && area <= 899 && area != 666
                    && !ssn.substring(3, 5).equals("00") && !ssn.substring(5).equals("0000");
            if (!valid || !seen.add(ssn)) {
                fail("member %d got %s, which is invalid or taken", id, ssn);
            }
        }
    }

    @Test
    void employerNumbersUseAssignedPrefixesAndAreUnique() {
        Set<String> seen = new HashSet<>();
        Set<String> unassigned = Set.of("00", "07", "08", "09", "17", "18", "19", "28", "29", "49", "69", "70", "78", "79", "89", "96", "97");
        for (long id = 1; id <= 100_000; id++) {
            String ein = people.ein(id);
            if (!ein.matches("\\d{9}") || unassigned.contains(ein.substring(0, 2)) || !seen.add(ein)) {
                fail("member %d got %s, which is invalid or taken", id, ein);
            }
        }
    }

    @Test
    void taxIdsFollowTheSeed() {
        People again = new People(DemoUtility.DEFAULT_SEED);
        People other = new People(42);
        assertThat(again.ssn(17)).isEqualTo(people.ssn(17));
        assertThat(other.ssn(17)).isNotEqualTo(people.ssn(17));
    }

    @Test
    void sameSeedGivesTheSameNamesPhonesAndEmails() {
        assertThat(draw(7)).isEqualTo(draw(7)).isNotEqualTo(draw(8));
    }

    private List<String> draw(long seed) {
        RandomGenerator rng = RandomGeneratorFactory.of(Cooperative.ALGORITHM).create(seed);
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            boolean hispanic = rng.nextDouble() < 0.15;
            String first = people.firstName(rng, hispanic, rng.nextBoolean());
            String last = people.surname(rng, hispanic);
            out.add(first + " " + last);
            out.add(people.personPhones(rng, Towns.ALL.get(i % Towns.ALL.size()), "509").toString());
            out.add(people.personEmails(rng, first, last, 1960 + i % 40).toString());
        }
        return out;
    }

    @Test
    void phonesAreTenDigitsWithRealExchangesAndEmailsArePlainAscii() {
        RandomGenerator rng = RandomGeneratorFactory.of(Cooperative.ALGORITHM).create(3);
        for (int i = 0; i < 5_000; i++) {
            for (People.Phone p : people.personPhones(rng, Towns.ALL.get(i % Towns.ALL.size()), people.localAreaCode(rng))) {
                assertThat(p.digits()).matches("[2-9]\\d{2}[2-9]\\d{6}");
                assertThat(p.digits().substring(4, 6)).as(p.digits()).isNotEqualTo("11");
                assertThat(p.type()).isIn("MOBILE", "HOME", "WORK", "OTHER");
            }
            for (String email : people.personEmails(rng, "José", "O'Brien Muñoz", 1988)) {
                assertThat(email).matches("[a-z0-9._]+@[a-z.]+");
            }
        }
    }

    @Test
    void membersWereAdultsWhenTheyJoinedAndAreNotImplausiblyOld() {
        RandomGenerator rng = RandomGeneratorFactory.of(Cooperative.ALGORITHM).create(5);
        LocalDate today = LocalDate.of(2026, 11, 23);
        for (int i = 0; i < 5_000; i++) {
            LocalDate since = today.minusDays(rng.nextInt(40 * 365));
            LocalDate birth = people.birthDate(rng, since, today);
            assertThat(birth).isBeforeOrEqualTo(since.minusYears(18)).isAfterOrEqualTo(today.minusYears(97));
        }
    }
}
