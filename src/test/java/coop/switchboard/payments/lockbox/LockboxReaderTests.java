package coop.switchboard.payments.lockbox;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which format a file is, told from its first line, and what every shared fixture gives. */
class LockboxReaderTests {

    /** Every bank file in the fixtures folder: format, item count and total, or the line it is rejected on. */
    private static final Map<String, String> OUTCOMES = Map.ofEntries(
            Map.entry("fundersclub_test_empty_lockbox.bai", "BAI_LOCKBOX 0 0.00"),
            Map.entry("fundersclub_test_lockbox.bai", "BAI_LOCKBOX 1 7000.00"),
            Map.entry("moj-bai2_account_trailer_amount_blank_example.bai2", "BAI2 0 0.00"),
            Map.entry("moj-bai2_citi_example.bai2", "BAI2 1 0.01"),
            Map.entry("moj-bai2_nwb_example.bai2", "BAI2 1 0.89"),
            Map.entry("moj-bai2_svb_us_example.bai2", "BAI2 2 13959.96"),
            Map.entry("moov-io-bai2_sample-parseError.txt", "rejected on line 1"),
            Map.entry("moov-io-bai2_sample1.txt", "BAI2 5 3200.00"),
            Map.entry("moov-io-bai2_sample2.txt", "BAI2 4 309500.00"),
            Map.entry("moov-io-bai2_sample3.txt", "BAI2 13 397.13"),
            Map.entry("moov-io-bai2_sample4-continuations-newline-delimited.txt", "rejected on line 22"),
            Map.entry("moov-io-bai2_sample5-issue113.txt", "rejected on line 22"));

    @Test
    void everyFixtureIsEitherReadOrRejectedOnAKnownLine() throws IOException {
        try (Stream<Path> files = Files.list(LockboxFixtures.FOLDER)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("LICENSE")))
                    .containsExactlyInAnyOrderElementsOf(OUTCOMES.keySet());
        }
        OUTCOMES.forEach((name, outcome) -> assertThat(outcome(name)).as(name).isEqualTo(outcome));
    }

    @Test
    void aFileOfNoKnownFormatIsRejectedOnItsFirstLine() {
        assertThatThrownBy(() -> LockboxReader.read("<?xml version=\"1.0\"?>\n<remittance/>\n"))
                .isInstanceOfSatisfying(LockboxFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.reason()).startsWith("the first line is neither a BAI2 file header (01), a BAI lockbox header (1) nor the CSV header");
                });
        assertThatThrownBy(() -> LockboxReader.read(" \n"))
                .isInstanceOfSatisfying(LockboxFormatException.class, e -> assertThat(e.reason()).isEqualTo("the file is empty"));
    }

    @Test
    void itemsAreNormalisedToCentsAndTrimmedText() {
        LockboxFile.Item item = new LockboxFile.Item(1, "  0000000042 ", new java.math.BigDecimal("5.5"), " ", null, null, null, null, null, null);

        assertThat(item.reference()).isEqualTo("0000000042");
        assertThat(item.amount()).isEqualTo(new java.math.BigDecimal("5.50"));
        assertThat(item.checkNumber()).isNull();
        assertThatThrownBy(() -> new LockboxFile.Item(1, null, new java.math.BigDecimal("5.505"), null, null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("amount 5.505 has fractions of a cent");
    }

    private static String outcome(String name) {
        try {
            LockboxFile file = LockboxFixtures.read(name);
            return file.format() + " " + file.items().size() + " " + file.controlTotal().toPlainString();
        } catch (LockboxFormatException e) {
            return "rejected on line " + e.line();
        }
    }
}
