package coop.switchboard.rates.file;

import coop.switchboard.rates.Tariff;
import coop.switchboard.rates.UsageCharge;
import coop.switchboard.shared.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A bad tariff file is refused before anything is saved, every problem named by the path of its field. */
class TariffYamlTest {

    private static final String VALID = """
            code: RS
            name: Residential
            versions:
              - effective: "2026-01-01"
                components:
                  - {type: fixed, code: CUSTOMER, description: Customer charge, amount: 32.00}
                  - type: usage
                    code: ENERGY
                    description: Energy
                    blocks:
                      - {upTo: 500, price: 0.0950}
                      - {upTo: 1500, price: 0.1050}
                      - {price: 0.1180}
                  - {type: tax, code: SALES_TAX, description: Sales tax, percent: 6.5}
            """;

    private static final String TOU = """
            code: TOU
            name: Time of use
            versions:
              - effective: "2026-01-01"
                components:
                  - type: usage
                    code: ENERGY
                    description: Energy
                    periods:
                      - {name: Off-peak, price: 0.08}
                      - {name: On-peak, price: 0.16}
                    weekday: [WEEKDAY]
            """;

    /** The violations of a file that must not read, field → message. */
    private static Map<String, String> violations(String yaml) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> TariffYaml.read(yaml));
        assertThat(e).as("expected the file to be refused:%n%s", yaml).isNotNull();
        Map<String, String> byField = new LinkedHashMap<>();
        e.violations().forEach(v -> byField.putIfAbsent(v.field(), v.message()));
        return byField;
    }

    private static String replace(String text, String from, String to) {
        assertThat(text).contains(from);
        return text.replace(from, to);
    }

    @Test
    void theValidFileReads() {
        Tariff t = TariffYaml.read(VALID).getFirst();
        assertThat(t.code()).isEqualTo("RS");
        assertThat(((UsageCharge) t.versions().getFirst().components().get(1)).periods().getFirst().blocks()).hasSize(3);
        String row = "\"000000000000000011111000\"";
        assertThat(TariffYaml.read(replace(TOU, "WEEKDAY", String.join(", ", java.util.Collections.nCopies(12, row))))).hasSize(1);
    }

    @Test
    void aMonthlyAmountIsInCentsButADailyOneMayHaveFractions() {
        String fixed = "- {type: fixed, code: CUSTOMER, description: Customer charge, amount: 32.00}";
        assertThat(VALID).contains(fixed);
        assertThat(violations(replace(VALID, fixed, "- {type: fixed, code: CUSTOMER, description: Customer charge, amount: 32.005}")))
                .containsEntry("versions[0].components[0].amount", "a monthly amount is in cents (2 decimals); only a per-day amount may have up to 6");
        coop.switchboard.rates.Tariff daily = TariffYaml.read(replace(VALID, fixed,
                "- {type: fixed, code: CUSTOMER, description: Customer charge, amount: 1.0667, per: day}")).getFirst();
        assertThat(TariffYaml.read(TariffYaml.write(java.util.List.of(daily))).getFirst()).isEqualTo(daily);
    }

    @Test
    void missingCode() {
        assertThat(violations(replace(VALID, "code: RS\n", ""))).containsEntry("code", "is required");
    }

    @Test
    void badCode() {
        assertThat(violations(replace(VALID, "code: RS\n", "code: rs 1\n"))).containsKey("code").hasSize(1);
        assertThat(violations(replace(VALID, "code: CUSTOMER", "code: customer charge")))
                .containsOnlyKeys("versions[0].components[0].code");
    }

    @Test
    void blocksMustIncrease() {
        Map<String, String> v = violations(replace(VALID, "{upTo: 1500, price: 0.1050}", "{upTo: 400, price: 0.1050}"));
        assertThat(v).containsOnlyKeys("versions[0].components[1].blocks[1].upTo");
        assertThat(v.get("versions[0].components[1].blocks[1].upTo")).contains("above the previous block's limit (500)");
        assertThat(violations(replace(VALID, "{upTo: 1500, price: 0.1050}", "{upTo: 500, price: 0.1050}")))
                .containsOnlyKeys("versions[0].components[1].blocks[1].upTo");
    }

    @Test
    void theLastBlockHasNoLimit() {
        assertThat(violations(replace(VALID, "{price: 0.1180}", "{upTo: 3000, price: 0.1180}")))
                .containsOnlyKeys("versions[0].components[1].blocks[2].upTo");
        assertThat(violations(replace(VALID, "{upTo: 500, price: 0.0950}", "{price: 0.0950}")))
                .containsOnlyKeys("versions[0].components[1].blocks[0].upTo");
    }

    @Test
    void seasonsMustCoverTwelveMonths() {
        String seasons = replace(VALID, """
                        blocks:
                          - {upTo: 500, price: 0.0950}
                          - {upTo: 1500, price: 0.1050}
                          - {price: 0.1180}
                """, """
                        seasons:
                          - {name: Summer, months: [6, 7, 8, 9], price: 0.11}
                          - {name: Winter, months: [1, 2, 3, 4, 10, 11, 12], price: 0.09}
                """);
        Map<String, String> v = violations(seasons);
        assertThat(v).containsOnlyKeys("versions[0].components[1].seasons");
        assertThat(v.get("versions[0].components[1].seasons")).contains("month 5 is in no season");
        assertThat(violations(replace(seasons, "[1, 2, 3, 4, 10", "[1, 2, 3, 4, 5, 6, 10")))
                .containsOnlyKeys("versions[0].components[1].seasons[1].months[5]");
    }

    @Test
    void scheduleNamingAMissingPeriod() {
        String row = "\"000000000000000011111000\"";
        String bad = "\"000000000000000022222000\"";
        Map<String, String> v = violations(replace(TOU, "WEEKDAY", String.join(", ", java.util.Collections.nCopies(11, row)) + ", " + bad));
        assertThat(v).containsOnlyKeys("versions[0].components[0].weekday[11]");
        assertThat(v.get("versions[0].components[0].weekday[11]")).contains("hour 16 names period 2").contains("0 to 1");
        assertThat(violations(replace(TOU, "WEEKDAY", row))).containsKey("versions[0].components[0].weekday");
    }

    @Test
    void appliesToNamesOnlyEarlierComponents() {
        String later = replace(VALID, "{type: tax, code: SALES_TAX, description: Sales tax, percent: 6.5}",
                "{type: tax, code: SALES_TAX, description: Sales tax, percent: 6.5, appliesTo: [CUSTOMER, FEE]}\n"
                        + "      - {type: tax, code: FEE, description: Fee, percent: 1}");
        Map<String, String> v = violations(later);
        assertThat(v).containsOnlyKeys("versions[0].components[2].appliesTo[1]");
        assertThat(v.get("versions[0].components[2].appliesTo[1]")).contains("'FEE'").contains("CUSTOMER, ENERGY");
        assertThat(violations(replace(VALID, "percent: 6.5}", "percent: 6.5, appliesTo: [ENERGY, NOPE]}")))
                .containsOnlyKeys("versions[0].components[2].appliesTo[1]");
    }

    @Test
    void duplicateComponentCodes() {
        Map<String, String> v = violations(replace(VALID, "code: SALES_TAX", "code: CUSTOMER"));
        assertThat(v).containsOnlyKeys("versions[0].components[2].code");
        assertThat(v.get("versions[0].components[2].code")).contains("repeats CUSTOMER");
    }

    @Test
    void duplicateEffectiveDates() {
        String twice = VALID + """
                  - effective: "2026-01-01"
                    components:
                      - {type: fixed, code: CUSTOMER, description: Customer charge, amount: 33.00}
                """;
        Map<String, String> v = violations(twice);
        assertThat(v).containsOnlyKeys("versions[1].effective");
        assertThat(v.get("versions[1].effective")).contains("repeats 2026-01-01");
        assertThat(violations(replace(VALID, "\"2026-01-01\"", "\"2026-13-01\""))).containsOnlyKeys("versions[0].effective");
    }

    @Test
    void unknownFieldsAreReportedNotDropped() {
        assertThat(violations(replace(VALID, "amount: 32.00", "amout: 32.00")))
                .containsKey("versions[0].components[0].amout");
        assertThat(violations(replace(VALID, "name: Residential\n", "name: Residential\ncolour: blue\n")))
                .containsOnlyKeys("colour");
        assertThat(violations(replace(VALID, "{upTo: 500, price: 0.0950}", "{upto: 500, price: 0.0950}")))
                .containsKey("versions[0].components[1].blocks[0].upto");
    }

    @Test
    void percentAtMostOneHundred() {
        Map<String, String> v = violations(replace(VALID, "percent: 6.5", "percent: 100.5"));
        assertThat(v).containsOnlyKeys("versions[0].components[2].percent");
        assertThat(v.get("versions[0].components[2].percent")).contains("at most 100");
        TariffYaml.read(replace(VALID, "percent: 6.5", "percent: 100"));
    }

    @Test
    void pricesHaveAtMostSixDecimals() {
        Map<String, String> v = violations(replace(VALID, "{upTo: 500, price: 0.0950}", "{upTo: 500, price: 0.0950001}"));
        assertThat(v).containsOnlyKeys("versions[0].components[1].blocks[0].price");
        assertThat(v.get("versions[0].components[1].blocks[0].price")).contains("more than 6 decimals");
        assertThat(violations(replace(VALID, "amount: 32.00", "amount: 32.005")))
                .containsOnlyKeys("versions[0].components[0].amount");
    }

    @Test
    void aYamlSyntaxErrorNamesItsLine() {
        assertThatThrownBy(() -> TariffYaml.read(replace(VALID, "name: Residential", "name: Residential: Service")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.violations()).hasSize(1);
                    assertThat(e.violations().getFirst().field()).isEqualTo("file");
                    assertThat(e.violations().getFirst().message()).contains("(line 2)");
                });
    }

    @Test
    void everyProblemIsReportedTogetherWithItsTariffInAList() {
        String list = "tariffs:\n" + (replace(VALID, "code: RS\n", "code: rs\n") + replace(VALID, "percent: 6.5", "percent: 101"))
                .lines().map(l -> l.startsWith("code:") ? "  - " + l : "    " + l).reduce((a, b) -> a + "\n" + b).orElseThrow() + "\n";
        Map<String, String> v = violations(list);
        assertThat(v).containsOnlyKeys("tariffs[0].code", "tariffs[1].versions[0].components[2].percent");
    }
}
