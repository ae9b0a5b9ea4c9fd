package coop.switchboard.shared;

import org.junit.jupiter.api.Test;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scan line the lockbox reads back: layout, round trip, and the misreads the check digit must catch. */
class ScanLineTests {

    @Test
    void padsTheAccountAndTheAmountInCentsAndEndsWithTheLuhnDigitOverBoth() {
        String line = ScanLine.of("1234567", Money.of("123.45"));
        assertThat(line).matches("0001234567 000012345 \\d");
        assertThat(line.charAt(line.length() - 1) - '0').isEqualTo(CheckDigit.luhn("0001234567000012345"));
        assertThat(CheckDigit.isValid(line.replace(" ", ""))).isTrue();
    }

    @Test
    void aCreditOrZeroPrintsZeroAmount() {
        assertThat(ScanLine.of("42", Money.of("-17.10"))).startsWith("0000000042 000000000 ");
        assertThat(ScanLine.of("42", Money.ZERO)).isEqualTo(ScanLine.of("42", Money.of("-0.01")));
    }

    @Test
    void readsBackWhatItWrote() {
        ScanLine.Parsed parsed = ScanLine.parse(ScanLine.of("90012345", Money.of("1048.07")));
        assertThat(parsed.accountNumber()).isEqualTo("90012345");
        assertThat(parsed.amountDue()).isEqualTo(Money.of("1048.07"));
        assertThat(ScanLine.parse("  " + ScanLine.of("7", Money.of("9.99")).replace(" ", "   ") + "\n").amountDue()).isEqualTo(Money.of("9.99"));
    }

    @Test
    void rejectsASingleDigitTypoAnywhereOnTheLine() {
        String line = ScanLine.of("1234567", Money.of("123.45"));
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ' ') {
                continue;
            }
            char wrong = (char) ('0' + (line.charAt(i) - '0' + 3) % 10);
            String typo = line.substring(0, i) + wrong + line.substring(i + 1);
            assertThatThrownBy(() -> ScanLine.parse(typo)).as(typo)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("check digit");
        }
    }

    @Test
    void rejectsSwappedNeighbouringDigits() {
        String line = ScanLine.of("1234567", Money.of("123.45"));
        // 0001234567 000012345: swap "45" in the amount, and "56" in the account number.
        String amountSwapped = line.substring(0, 18) + "54" + line.substring(20);
        String accountSwapped = line.substring(0, 7) + "65" + line.substring(9);
        assertThat(amountSwapped).startsWith("0001234567 000012354 ");
        assertThat(accountSwapped).startsWith("0001234657 000012345 ");
        assertThatThrownBy(() -> ScanLine.parse(amountSwapped)).hasMessageContaining("check digit");
        assertThatThrownBy(() -> ScanLine.parse(accountSwapped)).hasMessageContaining("check digit");
    }

    @Test
    void everyTypoAndNeighbourSwapOfRandomLinesIsCaught() {
        long seed = System.nanoTime();
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        for (int n = 0; n < 200; n++) {
            String line = ScanLine.of(Long.toString(1 + random.nextLong(9_999_999_999L)), Money.ofCents(random.nextLong(999_999_999L)));
            String digits = line.replace(" ", "");
            for (int i = 0; i < digits.length(); i++) {
                for (int d = 1; d <= 9; d++) {
                    char[] typo = digits.toCharArray();
                    typo[i] = (char) ('0' + (typo[i] - '0' + d) % 10);
                    assertThat(CheckDigit.isValid(new String(typo))).as("seed %d, %s typo at %d", seed, line, i).isFalse();
                }
                // Luhn's one blind spot among neighbour swaps is 09 <-> 90.
                if (i + 1 < digits.length() && digits.charAt(i) != digits.charAt(i + 1)
                        && !(Math.abs(digits.charAt(i) - digits.charAt(i + 1)) == 9)) {
                    char[] swapped = digits.toCharArray();
                    swapped[i] = digits.charAt(i + 1);
                    swapped[i + 1] = digits.charAt(i);
                    assertThat(CheckDigit.isValid(new String(swapped))).as("seed %d, %s swap at %d", seed, line, i).isFalse();
                }
            }
        }
    }

    @Test
    void namesWhatIsWrongWithAMalformedLine() {
        assertThatThrownBy(() -> ScanLine.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> ScanLine.parse("0001234567 000012345")).hasMessageContaining("2 groups");
        assertThatThrownBy(() -> ScanLine.parse("001234567 000012345 1")).hasMessageContaining("account number '001234567' is not 10 digits");
        assertThatThrownBy(() -> ScanLine.parse("0001234567 00001234O 1")).hasMessageContaining("amount '00001234O' is not 9 digits");
        assertThatThrownBy(() -> ScanLine.parse("0001234567 000012345 X")).hasMessageContaining("check digit 'X' is not 1 digit");
    }

    @Test
    void refusesWhatCannotBePrinted() {
        assertThatThrownBy(() -> ScanLine.of("12345678901", Money.ZERO)).hasMessageContaining("account number");
        assertThatThrownBy(() -> ScanLine.of("12-34", Money.ZERO)).hasMessageContaining("account number");
        assertThatThrownBy(() -> ScanLine.of("1234", Money.of("10000000.00"))).hasMessageContaining("9 digits");
        assertThatThrownBy(() -> ScanLine.of("1234", null)).hasMessageContaining("amount due");
    }
}
