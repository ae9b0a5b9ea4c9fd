package coop.switchboard.rates;

import coop.switchboard.demo.DemoUtility;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.ServicePeriod;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
class TariffServiceTests {
    @Autowired TariffService tariffs;
    @Autowired JdbcClient jdbc;

    private String copyOfResidential() {
        String code = "T" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String rs = coop.switchboard.rates.file.TariffYaml.write(List.of(
                coop.switchboard.rates.file.TariffYaml.read(DemoUtility.demoTariffs()).getFirst()));
        tariffs.importFile(rs, code);
        return code;
    }

    @Test
    void importsTheDemoTariffsAndImportingAgainChangesNothing() {
        tariffs.importFile(DemoUtility.demoTariffs(), null);
        TariffService.FileImport again = tariffs.importFile(DemoUtility.demoTariffs(), null);
        assertThat(again.results()).allSatisfy(r -> {
            assertThat(r.added()).isEmpty();
            assertThat(r.changed()).isEmpty();
        });
        assertThat(tariffs.schedules(LocalDate.of(2026, 11, 23))).extracting(TariffSummary::code)
                .contains("RS", "RS-TOU", "GS", "LP", "IRR", "SL", "W", "FB");
        Tariff rs = tariffs.tariff("RS");
        assertThat(rs.versions()).hasSize(2);
        assertThat(tariffs.quote("RS", ServicePeriod.month(YearMonth.of(2026, 7)), Usage.kwh("1800"), AccountAttributes.NONE).total())
                .hasToString("248.92");
    }

    @Test
    void aVersionUsedOnABillNeverChangesAndTheDatabaseEnforcesIt() {
        String code = copyOfResidential();
        VersionRecord first = tariffs.versions(code).getFirst();
        String edited = first.body().replace("amount: 30.00", "amount: 31.00");
        tariffs.saveVersion(code, first.effective(), edited);
        assertThat(tariffs.versions(code).getFirst().body()).contains("31.00");

        tariffs.markBilled(code, List.of(first.effective()));
        assertThatThrownBy(() -> tariffs.saveVersion(code, first.effective(), edited.replace("31.00", "33.00")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("used on bills");
        assertThatThrownBy(() -> jdbc.sql("update rates.tariff_version set body = 'x' where id = ?").param(first.id()).update())
                .hasMessageContaining("cannot change");
        // The change is made as a new version instead.
        tariffs.saveVersion(code, null, edited.replace("31.00", "33.00").replace("2025-01-01", "2025-06-01"));
        assertThat(tariffs.versions(code)).extracting(VersionRecord::effective)
                .containsExactly(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 6, 1), LocalDate.of(2026, 1, 1));
    }

    @Test
    void aBadVersionIsRefusedByFieldAndNothingIsSaved() {
        String code = copyOfResidential();
        int before = tariffs.versions(code).size();
        String bad = """
                effective: "2027-01-01"
                components:
                  - {type: fixed, code: CUSTOMER, description: Customer charge, amount: 32.001}
                  - {type: usage, code: ENERGY, description: Energy, blocks: [{upTo: 500, price: 0.1}, {upTo: 400, price: 0.2}, {price: 0.3}]}
                """;
        assertThatThrownBy(() -> tariffs.saveVersion(code, null, bad)).isInstanceOfSatisfying(InvalidInputException.class, e ->
                assertThat(e.byField()).containsKeys("components[0].amount", "components[1].blocks[1].upTo"));
        assertThat(tariffs.versions(code)).hasSize(before);
    }

    @Test
    void aChangeSeenByAnotherProcessIsRatedAtOnce() {
        String code = copyOfResidential();
        ServicePeriod july = ServicePeriod.month(YearMonth.of(2026, 7));
        String before = tariffs.quote(code, july, Usage.kwh("100"), AccountAttributes.NONE).total().toString();
        // Another process edits the version directly and bumps the revision, as TariffService does.
        VersionRecord current = tariffs.versions(code).getLast();
        jdbc.sql("update rates.tariff_version set body = ? where id = ?").params(current.body().replace("amount: 32.00", "amount: 40.00"), current.id()).update();
        jdbc.sql("update rates.rate_schedule set revision = revision + 1 where code = ?").param(code).update();
        String after = tariffs.quote(code, july, Usage.kwh("100"), AccountAttributes.NONE).total().toString();
        assertThat(new java.math.BigDecimal(after).subtract(new java.math.BigDecimal(before))).isGreaterThan(java.math.BigDecimal.valueOf(8));
    }
}
