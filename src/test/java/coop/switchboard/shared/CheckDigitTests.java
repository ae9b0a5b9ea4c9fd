package coop.switchboard.shared;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import static org.assertj.core.api.Assertions.assertThat;

class CheckDigitTests {
    private static final RandomGenerator RANDOM = RandomGeneratorFactory.of("L64X128MixRandom").create(42);

    @Test
    void appendsTheLuhnDigit() {
        assertThat(CheckDigit.append(7992739871L)).isEqualTo("79927398713");
        assertThat(CheckDigit.isValid("79927398713")).isTrue();
        assertThat(CheckDigit.isValid("79927398710")).isFalse();
        assertThat(CheckDigit.isValid("12a4")).isFalse();
        assertThat(CheckDigit.isValid(null)).isFalse();
    }

    @RepeatedTest(50)
    void catchesEverySingleDigitSlipAndAdjacentSwap() {
        long base = 1_000_000 + RANDOM.nextLong(9_000_000);
        String number = CheckDigit.append(base);
        for (int i = 0; i < number.length(); i++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d != number.charAt(i)) {
                    String slip = number.substring(0, i) + d + number.substring(i + 1);
                    assertThat(CheckDigit.isValid(slip)).as("seed 42, %s -> %s", number, slip).isFalse();
                }
            }
        }
        for (int i = 0; i + 1 < number.length(); i++) {
            char a = number.charAt(i);
            char b = number.charAt(i + 1);
            // Luhn's one blind spot is 09 <-> 90.
            if (a != b && !((a == '0' && b == '9') || (a == '9' && b == '0'))) {
                String swapped = number.substring(0, i) + b + a + number.substring(i + 2);
                assertThat(CheckDigit.isValid(swapped)).as("%s -> %s", number, swapped).isFalse();
            }
        }
    }

    @Test
    void phonesKeepTenDigits() {
        assertThat(Phones.digits("(509) 555-0142")).isEqualTo("5095550142");
        assertThat(Phones.digits("1-509-555-0142")).isEqualTo("5095550142");
        assertThat(Phones.digits("555-0142")).isNull();
        assertThat(Phones.format("5095550142")).isEqualTo("(509) 555-0142");
    }
}
