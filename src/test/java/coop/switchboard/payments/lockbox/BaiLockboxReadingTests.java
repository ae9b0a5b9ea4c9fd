package coop.switchboard.payments.lockbox;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static coop.switchboard.payments.lockbox.LockboxFixtures.fixture;
import static coop.switchboard.payments.lockbox.LockboxFixtures.line;
import static coop.switchboard.payments.lockbox.LockboxFixtures.read;
import static coop.switchboard.payments.lockbox.LockboxFixtures.withLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fixed-width BAI lockbox transmission: the check read from a real file, and the totals that reject a spoiled one. */
class BaiLockboxReadingTests {

    private static final String LOCKBOX = "fundersclub_test_lockbox.bai";

    @Test
    void readsTheCheckWithItsInvoiceNumberFromTheOverflowRecord() {
        LockboxFile file = read(LOCKBOX);

        assertThat(file.format()).isEqualTo(LockboxFile.BAI_LOCKBOX);
        assertThat(file.depositDate()).isEqualTo(LocalDate.of(2016, 5, 23));
        assertThat(file.items()).containsExactly(new LockboxFile.Item(4, "CE554", new BigDecimal("7000.00"), "180", "BOB E SMITH",
                "055002707", "12345555", LocalDate.of(2016, 5, 23), "001", null));
        assertThat(file.controlCount()).isEqualTo(1);
        assertThat(file.controlTotal()).isEqualTo(new BigDecimal("7000.00"));
    }

    @Test
    void readsALockboxWithNoChecks() {
        LockboxFile file = read("fundersclub_test_empty_lockbox.bai");

        assertThat(file.items()).isEmpty();
        assertThat(file.controlCount()).isZero();
        assertThat(file.controlTotal()).isEqualTo(new BigDecimal("0.00"));
        assertThat(file.depositDate()).isEqualTo(LocalDate.of(2016, 5, 27));
    }

    @Test
    void aChangedCheckAmountIsCaughtByTheBatchTotal() {
        String file = fixture(LOCKBOX);
        String detail = line(file, 4);
        String changed = withLine(file, 4, detail.substring(0, 7) + "0000700001" + detail.substring(17));

        assertRejected(changed, 6, "batch 001 total (7) gives 7000.00 but the batch's checks add up to 7000.01");
    }

    @Test
    void aBatchTotalChangedWithTheCheckIsCaughtByTheLockboxTotal() {
        String file = fixture(LOCKBOX);
        String detail = line(file, 4);
        String changed = withLine(withLine(file, 4, detail.substring(0, 7) + "0000700001" + detail.substring(17)),
                6, "700100000222221605230010000700001");

        assertRejected(changed, 7, "lockbox 0022222 total (8) gives 7000.00 but its batch totals (7) add up to 7000.01");
    }

    @Test
    void everyCountInTheTotalsAndTheTrailerIsChecked() {
        String file = fixture(LOCKBOX);
        assertThat(line(file, 6)).isEqualTo("700100000222221605230010000700000");
        assertThat(line(file, 7)).isEqualTo("8000000002222216052300010000700000");

        assertRejected(withLine(file, 6, "700100000222221605230020000700000"), 6, "batch 001 total (7) counts 2 items but the batch has 1");
        assertRejected(withLine(file, 7, "8000000002222216052300020000700000"), 7,
                "lockbox 0022222 total (8) counts 2 items but its batch totals (7) count 1");
        assertRejected(withLine(file, 8, "9000009"), 8, "destination trailer (9) counts 9 records but the file has 8");
        assertRejected(withLine(file, 5, null), 7, "destination trailer (9) counts 8 records but the file has 7");
        assertRejected(withLine(file, 6, "700100000333331605230010000700000"), 6,
                "batch total (7) is for lockbox 0033333 but lockbox 0022222 was opened on line 3");
        assertRejected(withLine(file, 7, "8000000002222216052400010000700000"), 7,
                "lockbox total (8) gives deposit date 2016-05-24 but the detail header (5) on line 3 gives 2016-05-23");
    }

    @Test
    void rejectsUnknownRecordsBadNumbersAndStrayOverflowRecords() {
        String file = fixture(LOCKBOX);
        String detail = line(file, 4);

        assertRejected(withLine(file, 5, "30010016019CE554"), 5, "record type '3' is not a BAI lockbox record (1, 2, 5, 6, 4, 7, 8 or 9)");
        assertRejected(withLine(file, 4, detail.substring(0, 7) + "00007O0000" + detail.substring(17)), 4,
                "check amount '00007O0000' (columns 8-17) is not 10 digits");
        assertRejected(withLine(file, 5, "40010026019CE554"), 5,
                "overflow record (4) is for batch 001 item 002 but follows batch 001 item 001 (line 4)");
        assertRejected(withLine(file, 5, "40010016020CE554"), 5, "overflow sequence number 2 where 1 was expected");
        assertRejected(withLine(file, 5, "40010016010CE554"), 4,
                "the overflow records of batch 001 item 001 stop before the last one (indicator 9)");
        assertRejected(withLine(file, 8, null), 7, "the file ends without a destination trailer (9)");
        assertRejected(withLine(file, 3, "50000000022222163523ABCDEFGHIJ0099999991"), 3, "deposit date '163523' is not a calendar date (YYMMDD)");
    }

    @Test
    void aReferenceRunsOnAcrossOverflowRecordsAndShortLinesCountAsBlanks() {
        String file = fixture(LOCKBOX);
        String twoOverflows = withLine(withLine(file, 5, "40010016010SCAN 0001234567 000012345 7 AC"), 8, "9000009")
                .replace("SCAN 0001234567 000012345 7 AC\n", "SCAN 0001234567 000012345 7 AC\n40010016029COUNT 42\n");

        assertThat(LockboxReader.read(twoOverflows).items().getFirst().reference()).isEqualTo("SCAN 0001234567 000012345 7 ACCOUNT 42");
        assertThat(LockboxReader.read(twoOverflows.replace("7 AC\n", "7\n")).items().getFirst().reference())
                .as("a memo line cut short is padded to its 30 columns before the next one")
                .isEqualTo("SCAN 0001234567 000012345 7   COUNT 42");
    }

    private static void assertRejected(String content, int line, String reason) {
        assertThatThrownBy(() -> LockboxReader.read(content))
                .isInstanceOfSatisfying(LockboxFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.line()).isEqualTo(line);
                });
    }
}
