package coop.switchboard.search;

import coop.switchboard.TestCustomers;
import coop.switchboard.TestCustomers.Served;
import coop.switchboard.members.MembershipEnrollment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountSearchTests {
    @Autowired AccountSearch search;
    @Autowired MembershipEnrollment enrollment;
    @Autowired JdbcClient jdbc;
    Served bartholomew;
    String phone;
    String meter;

    @BeforeAll
    void customers() {
        TestCustomers customers = new TestCustomers(enrollment, jdbc, search);
        phone = "208" + TestCustomers.uniqueDigits(7);
        meter = "9" + TestCustomers.uniqueDigits(8);
        bartholomew = customers.serve(TestCustomers.person("Bartholomew", "Quackenbush", phone, "bart.quack@example.org"),
                "4417 Tamarack Hollow Rd", meter);
        customers.serve(TestCustomers.person("Martha", "Quist", "208" + TestCustomers.uniqueDigits(7), null),
                "12 Elm St", "9" + TestCustomers.uniqueDigits(8));
    }

    private List<Long> ids(String q) {
        return search.search(q, 20).stream().map(AccountHit::accountId).toList();
    }

    @Test
    void findsANameDespiteTyposAndEitherOrder() {
        assertThat(ids("bartholomew quackenbush")).first().isEqualTo(bartholomew.accountId());
        assertThat(ids("bartholmew quakenbush")).contains(bartholomew.accountId());
        assertThat(ids("quackenbush bartholomew")).first().isEqualTo(bartholomew.accountId());
        assertThat(ids("quackenb")).contains(bartholomew.accountId());
    }

    @Test
    void findsByPartialPhoneInAnyPunctuation() {
        String last7 = phone.substring(3, 6) + "-" + phone.substring(6);
        assertThat(ids(last7)).contains(bartholomew.accountId());
        assertThat(ids("(" + phone.substring(0, 3) + ") " + last7)).first().isEqualTo(bartholomew.accountId());
    }

    @Test
    void findsByAccountNumberFirst() {
        List<AccountHit> hits = search.search(bartholomew.accountNumber(), 20);
        assertThat(hits.get(0).accountId()).isEqualTo(bartholomew.accountId());
        assertThat(hits.get(0).matchedOn()).isEqualTo("account number");
    }

    @Test
    void findsByServiceAddressAndMeterAndEmail() {
        assertThat(ids("4417 tamarack hollow")).first().isEqualTo(bartholomew.accountId());
        assertThat(ids("tamarak holow")).contains(bartholomew.accountId());
        assertThat(ids(meter)).first().isEqualTo(bartholomew.accountId());
        assertThat(ids("bart.quack@")).first().isEqualTo(bartholomew.accountId());
    }

    @Test
    void answersNothingForTooShortOrUnrelatedQueries() {
        assertThat(search.search("q", 20)).isEmpty();
        assertThat(search.search("   ", 20)).isEmpty();
        assertThat(ids("zzyzx wwvvq")).doesNotContain(bartholomew.accountId());
    }

    @Test
    void showsTheServiceAddressAndPrimaryPhoneOnEachHit() {
        AccountHit hit = search.search("bartholomew quackenbush", 5).get(0);
        assertThat(hit.serviceAddress()).isEqualTo("4417 Tamarack Hollow Rd, Newport");
        assertThat(hit.primaryPhone()).isEqualTo(phone);
        assertThat(hit.status()).isEqualTo("ACTIVE");
    }
}
