package coop.switchboard.payments.ach;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AbaRoutingTests {

    @ParameterizedTest
    @ValueSource(strings = {"021000021", "011000015", "231380104", "026009593", "121042882", "031300012", "091400606"})
    void acceptsRealRoutingNumbers(String routing) {
        assertThat(AbaRouting.valid(routing)).isTrue();
        assertThat(AbaRouting.problem(routing)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"021000022", "123456789", "011000016", "231380140", "02100002", "0210000211", "02100002A", " 21000021",
            "000000000", ""})
    void rejectsNumbersThatAreNotRoutingNumbers(String routing) {
        assertThat(AbaRouting.valid(routing)).isFalse();
    }

    @Test
    void rejectsNull() {
        assertThat(AbaRouting.valid(null)).isFalse();
        assertThat(AbaRouting.problem(null)).contains("routing number is missing");
    }

    @Test
    void computesTheCheckDigitFromTheWeights371() {
        assertThat(AbaRouting.checkDigit("02100002")).isEqualTo('1');
        assertThat(AbaRouting.checkDigit("01100001")).isEqualTo('5');
        assertThat(AbaRouting.checkDigit("23138010")).isEqualTo('4');
        assertThat(AbaRouting.checkDigit("12104288")).isEqualTo('2');
    }

    @Test
    void checkDigitNeedsEightDigits() {
        assertThatThrownBy(() -> AbaRouting.checkDigit("2313801")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AbaRouting.checkDigit("2313801X")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void saysWhatIsWrongInWordsACsrCanActOn() {
        assertThat(AbaRouting.problem("021000022")).contains("routing number 021000022 fails its check digit: it should end in 1");
        assertThat(AbaRouting.problem("02100002")).contains("routing number \"02100002\" is not 9 digits");
        assertThatThrownBy(() -> AbaRouting.requireValid("231380105")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("routing number 231380105 fails its check digit: it should end in 4");
        assertThat(AbaRouting.requireValid("231380104")).isEqualTo("231380104");
    }
}
