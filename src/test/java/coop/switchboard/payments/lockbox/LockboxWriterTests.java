package coop.switchboard.payments.lockbox;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Files the writer makes are read back to the same items, with control records a bank's reader would accept. */
class LockboxWriterTests {

    private static final LocalDate DEPOSIT = LocalDate.of(2025, 3, 14);

    @Test
    void writesTheLayoutOfTheBankFileForACheckWithAnInvoiceNumber() {
        String written = LockboxWriter.write("22222", DEPOSIT, List.of(
                new LockboxFile.Item(0, "CE554", new BigDecimal("7000.00"), "180", "BOB E SMITH", "055002707", "12345555", null, null, null)));

        assertThat(written.split("\n")).containsExactly(
                "100SWITCHBRD 00000000002503140000",
                "2SWITCHBRD 0000000000000000000040010400001",
                "50000000022222250314SWITCHBRD 0000000000",
                "6001001000070000005500270700123455550000000180031425BOB E SMITH",
                "40010016019CE554",
                "700100000222222503140010000700000",
                "8000000002222225031400010000700000",
                "9000008");
    }

    @Test
    void readsBackWhatItWroteWithLongReferencesAndMissingFields() {
        List<LockboxFile.Item> items = List.of(
                item("0001234567 000012345 7", "123.45", "1042", "JANE SMITH"),
                item("ACCOUNT 0000000042 INVOICE 2025-03 AND 2025-02 BOTH PAID IN FULL, THANK YOU", "80.00", null, null),
                item(null, "0.50", "77", "O'BRIEN & SONS (LLC)"),
                item("0000000043", "99999999.99", null, "MAXIMUM CHECK"));

        LockboxFile read = LockboxReader.read(LockboxWriter.write("7", DEPOSIT, items));

        assertThat(read.items()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("line", "batch").containsExactlyElementsOf(items);
        assertThat(read.items()).extracting(LockboxFile.Item::batch).containsOnly("001");
        assertThat(read.controlCount()).isEqualTo(4);
        assertThat(read.controlTotal()).isEqualTo(new BigDecimal("100000203.94"));
        assertThat(read.depositDate()).isEqualTo(DEPOSIT);
    }

    @Test
    void anEmptyDepositIsWrittenAsTheBankWritesOne() {
        LockboxFile read = LockboxReader.read(LockboxWriter.write(DEPOSIT, List.of()));

        assertThat(read.items()).isEmpty();
        assertThat(read.depositDate()).isEqualTo(DEPOSIT);
    }

    @Test
    void aHundredThousandItemsSpreadOverBatchesAndLockboxesWithinTheLayoutsLimits() {
        List<LockboxFile.Item> items = new ArrayList<>(100_000);
        long cents = 0;
        for (int i = 0; i < 100_000; i++) {
            long amount = 1_000 + (i * 7_919L) % 50_000;
            cents += amount;
            items.add(new LockboxFile.Item(0, String.format("%010d%09d%d", 1_000_000 + i, amount, i % 10), BigDecimal.valueOf(amount, 2),
                    Integer.toString(1000 + i), "MEMBER " + i, "055002707", Integer.toString(900_000 + i), DEPOSIT, null, null));
        }

        String written = LockboxWriter.write(DEPOSIT, items);
        LockboxFile read = LockboxReader.read(written);

        assertThat(read.items()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("line", "batch").containsExactlyElementsOf(items);
        assertThat(read.controlTotal()).isEqualTo(BigDecimal.valueOf(cents, 2));
        int lockboxes = 100_000 / (LockboxWriter.ITEMS_PER_BATCH * LockboxWriter.BATCHES_PER_LOCKBOX) + 1;
        assertThat(written.lines().filter(l -> l.startsWith("8"))).hasSize(lockboxes);
        assertThat(written.lines().filter(l -> l.startsWith("7"))).hasSize(1_000);
    }

    @Test
    void refusesItemsTheLayoutCannotHold() {
        assertThatThrownBy(() -> LockboxWriter.write(DEPOSIT, List.of(item(null, "1.00", null, "A NAME LONGER THAN THIRTY CHARACTERS"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("item 1: payer name");
        assertThatThrownBy(() -> LockboxWriter.write(DEPOSIT, List.of(item(null, "1.00", "12A", null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("item 1: check number '12A' is not 1 to 10 digits");
        assertThatThrownBy(() -> LockboxWriter.write(DEPOSIT, List.of(item(null, "100000000.00", null, null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("item 1: amount 100000000.00 is not between 0.00 and 99999999.99");
        LockboxFile.Item otherDay = new LockboxFile.Item(0, null, BigDecimal.ONE, null, null, null, null, DEPOSIT.plusDays(1), null, null);
        assertThatThrownBy(() -> LockboxWriter.write(DEPOSIT, List.of(otherDay)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("item 1 is dated 2025-03-15 but the deposit is on 2025-03-14");
    }

    @Test
    void theCsvWriterQuotesWhatNeedsQuotingAndReadsBackTheSameItems() {
        List<LockboxFile.Item> items = List.of(
                item("0001234567 000012345 7", "123.45", "1042", "Smith, Jane"),
                item(null, "0.50", null, "The \"Corner\" Cafe"));

        String csv = LockboxWriter.writeCsv(items);
        LockboxFile read = LockboxReader.read(csv);

        assertThat(csv).isEqualTo("""
                reference,amount,check_number,payer_name,date
                0001234567 000012345 7,123.45,1042,"Smith, Jane",2025-03-14
                ,0.50,,"The ""Corner"" Cafe",2025-03-14
                TOTAL,2,123.95
                """);
        assertThat(read.items()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("line").containsExactlyElementsOf(items);
    }

    private static LockboxFile.Item item(String reference, String amount, String checkNumber, String payerName) {
        return new LockboxFile.Item(0, reference, new BigDecimal(amount), checkNumber, payerName, null, null, DEPOSIT, null, null);
    }
}
