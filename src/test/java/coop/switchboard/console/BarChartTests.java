package coop.switchboard.console;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BarChartTests {

    @Test
    void stepsAreRoundNumbers() {
        assertThat(BarChart.niceStep(230)).isEqualTo(250);
        assertThat(BarChart.niceStep(0.3)).isEqualTo(0.5);
        assertThat(BarChart.niceStep(1001)).isEqualTo(2000);
        assertThat(BarChart.niceStep(0)).isEqualTo(1);
    }

    @Test
    void figuresReadLikePeopleWriteThem() {
        assertThat(BarChart.format(new BigDecimal("1204.4999"))).isEqualTo("1,204");
        assertThat(BarChart.format(new BigDecimal("12.35"))).isEqualTo("12.4");
        assertThat(BarChart.format(new BigDecimal("0.125"))).isEqualTo("0.13");
        assertThat(BarChart.format(new BigDecimal("-250"))).isEqualTo("-250");
    }

    @Test
    void barsStandOnTheAxisInProportionWithTheOlderSeriesOnTheLeft() {
        BarChart chart = BarChart.of(400, 200, true, "kWh", List.of("2026", "2025"), List.of(
                new BarChart.Category("Jan", "January 2026", Arrays.asList(new BigDecimal("1000"), new BigDecimal("500")), false),
                new BarChart.Category("Feb", "February 2026", Arrays.asList(null, new BigDecimal("250")), true, "?m=2")));
        assertThat(chart.bars()).hasSize(3);
        BarChart.Bar lastYear = chart.bars().get(0);
        BarChart.Bar thisYear = chart.bars().get(1);
        assertThat(lastYear.series()).isEqualTo(1);
        assertThat(thisYear.series()).isZero();
        assertThat(lastYear.x()).isLessThan(thisYear.x());
        for (BarChart.Bar b : chart.bars()) {
            assertThat(b.y() + b.h()).isCloseTo(chart.plotBottom(), org.assertj.core.data.Offset.offset(0.11));
            assertThat(b.x()).isGreaterThanOrEqualTo(chart.plotLeft());
            assertThat(b.x() + b.w()).isLessThanOrEqualTo(chart.width());
        }
        assertThat(thisYear.h() / lastYear.h()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(thisYear.title()).isEqualTo("2026, January 2026: 1,000 kWh");
        assertThat(chart.bars().get(2).href()).isEqualTo("?m=2");
        assertThat(chart.ticks()).extracting(BarChart.Tick::label).containsExactly("0", "250", "500", "750", "1,000");
        assertThat(chart.summary()).isEqualTo("Highest January 2026, 1,000 kWh; lowest January 2026, 1,000 kWh.");
    }

    @Test
    void aChartWithoutDataSaysSo() {
        BarChart chart = BarChart.of(156, 36, false, "kWh", List.of("kWh"),
                List.of(new BarChart.Category("", "May 2026", Arrays.asList((BigDecimal) null), false)));
        assertThat(chart.bars()).isEmpty();
        assertThat(chart.ticks()).isEmpty();
        assertThat(chart.summary()).isEqualTo("No usage recorded.");
    }
}
