package coop.switchboard.metering;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class DialsTests {

    @Test
    void usageIsTheDifferenceTimesTheMultiplier() {
        assertThat(Dials.usage(new BigDecimal("12000"), new BigDecimal("12850"), 5, BigDecimal.ONE)).isEqualByComparingTo("850");
        assertThat(Dials.usage(new BigDecimal("1200"), new BigDecimal("1285"), 4, new BigDecimal("40"))).isEqualByComparingTo("3400");
    }

    @Test
    void aRegisterPassingItsTopStartsAgainAtZero() {
        assertThat(Dials.rolledOver(new BigDecimal("99850"), new BigDecimal("00120"), 5)).isTrue();
        assertThat(Dials.usage(new BigDecimal("99850"), new BigDecimal("120"), 5, BigDecimal.ONE)).isEqualByComparingTo("270");
        assertThat(Dials.usage(new BigDecimal("999990"), new BigDecimal("10"), 6, new BigDecimal("2"))).isEqualByComparingTo("40");
    }

    @Test
    void aSmallDropIsReverseUseNotARollover() {
        assertThat(Dials.rolledOver(new BigDecimal("5000"), new BigDecimal("4990"), 5)).isFalse();
        assertThat(Dials.usage(new BigDecimal("5000"), new BigDecimal("4990"), 5, BigDecimal.ONE)).isEqualByComparingTo("-10");
    }
}
