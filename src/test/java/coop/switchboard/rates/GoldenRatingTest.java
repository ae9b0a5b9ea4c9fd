package coop.switchboard.rates;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every golden case in {@code src/test/resources/rates/golden} rates to exactly the lines and total written there.
 * The files are meant to be checked by a rate analyst: usage in, lines out.
 */
class GoldenRatingTest {

    static Stream<GoldenCases.Case> cases() {
        File dir = new File("src/test/resources/rates/golden");
        String[] files = dir.list((d, name) -> name.endsWith(".yaml"));
        return Arrays.stream(files == null ? new String[0] : files).sorted().map(GoldenCases::read);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ratesExactlyAsTheAnalystExpects(GoldenCases.Case c) {
        RatedBill bill = c.tariff().rate(c.period(), c.usage(), c.account(), c.history());
        List<GoldenCases.Expected> actual = new ArrayList<>();
        bill.lines().forEach(l -> actual.add(new GoldenCases.Expected(l.description(), plain(l.quantity().value()), l.unit(),
                plain(l.unitPrice().value()), plain(l.amount().amount()))));
        assertThat(actual).as(c.toString()).containsExactlyElementsOf(c.lines());
        assertThat(plain(bill.total().amount())).as(c + " total").isEqualTo(c.total());
    }

    private static String plain(java.math.BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    @org.junit.jupiter.api.Test
    void thereAreGoldenCasesForEveryComponentKind() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(10);
    }
}
