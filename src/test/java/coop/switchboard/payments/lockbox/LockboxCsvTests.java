package coop.switchboard.payments.lockbox;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Switchboard's CSV remittance format: what it reads, and the line and field it names when a row is wrong. */
class LockboxCsvTests {

    private static final String GOOD = """
            reference,amount,check_number,payer_name,date
            0001234567 000012345 7,123.45,1042,"Smith, Jane",2025-03-14
            0000000042,80,,"The ""Corner"" Cafe",2025-03-14
            ,0.5,77,,2025-03-13
            TOTAL,3,203.95
            """;

    @Test
    void readsRowsWithQuotedCommasAndQuotesAndChecksTheTotalLine() {
        LockboxFile file = LockboxReader.read(GOOD);

        assertThat(file.format()).isEqualTo(LockboxFile.CSV);
        assertThat(file.items()).containsExactly(
                new LockboxFile.Item(2, "0001234567 000012345 7", new BigDecimal("123.45"), "1042", "Smith, Jane", null, null, LocalDate.of(2025, 3, 14), null, null),
                new LockboxFile.Item(3, "0000000042", new BigDecimal("80.00"), null, "The \"Corner\" Cafe", null, null, LocalDate.of(2025, 3, 14), null, null),
                new LockboxFile.Item(4, null, new BigDecimal("0.50"), "77", null, null, null, LocalDate.of(2025, 3, 13), null, null));
        assertThat(file.controlCount()).isEqualTo(3);
        assertThat(file.controlTotal()).isEqualTo(new BigDecimal("203.95"));
        assertThat(file.depositDate()).isEqualTo(LocalDate.of(2025, 3, 14));
    }

    @Test
    void ignoresColumnsAfterTheFiveItReadsAndAcceptsWindowsLineEndsAndAByteOrderMark() {
        String file = "\uFEFFreference,amount,check_number,payer_name,date,processor_id\r\n"
                + "0000000042,10.00,,\"Doe,\r\nJohn\",2025-03-14,X-1\r\n"
                + "0000000043,5.00,,,2025-03-14,X-2\r\n"
                + "TOTAL,2,15.00,,,\r\n";

        LockboxFile read = LockboxReader.read(file);

        assertThat(read.items()).extracting(LockboxFile.Item::line).containsExactly(2, 4);
        assertThat(read.items().getFirst().payerName()).isEqualTo("Doe,\r\nJohn");
        assertThat(read.controlTotal()).isEqualTo(new BigDecimal("15.00"));
    }

    @Test
    void aBadAmountNamesTheLineAndTheField() {
        assertRejected(GOOD.replace("123.45", "$123.45"), 2, "field amount: '$123.45' is not an amount of dollars like 123.45");
        assertRejected(GOOD.replace(",80,", ",80.001,"), 3, "field amount: '80.001' is not an amount of dollars like 123.45");
        assertRejected(GOOD.replace(",80,", ",-80,"), 3, "field amount: '-80' is negative; a remittance is money received");
        assertRejected(GOOD.replace(",80,", ",\"1,080.00\","), 3, "field amount: '1,080.00' is not an amount of dollars like 123.45");
    }

    @Test
    void aBadDateNamesTheLineAndTheField() {
        assertRejected(GOOD.replace(",2025-03-13", ",03/13/2025"), 4, "field date: '03/13/2025' is not a date like 2025-03-14 (YYYY-MM-DD)");
        assertRejected(GOOD.replace(",2025-03-13", ",2025-02-30"), 4, "field date: '2025-02-30' is not a calendar date");
    }

    @Test
    void anUnquotedCommaShowsAsAnExtraField() {
        assertRejected(GOOD.replace("\"Smith, Jane\"", "Smith, Jane"), 2,
                "the row has 6 fields but the header has 5; a field that holds a comma must be in double quotes");
    }

    @Test
    void rejectsAFileWithoutItsTotalLine() {
        assertRejected(GOOD.replace("TOTAL,3,203.95\n", ""), 4,
                "the file ends without its TOTAL line; the last line must be TOTAL,<count>,<amount>");
    }

    @Test
    void rejectsATotalLineThatDisagreesWithTheRows() {
        assertRejected(GOOD.replace("TOTAL,3,203.95", "TOTAL,3,203.96"), 5, "TOTAL says 3 payments of 203.96 but the file has 3 payments of 203.95");
        assertRejected(GOOD.replace("TOTAL,3,203.95", "TOTAL,4,203.95"), 5, "TOTAL says 4 payments of 203.95 but the file has 3 payments of 203.95");
        assertRejected(GOOD + "0000000099,1.00,,,2025-03-14\n", 6, "row after the TOTAL line (line 5); TOTAL must be the last line");
    }

    @Test
    void rejectsAWrongHeaderAndBrokenQuoting() {
        assertRejected(GOOD.replace("check_number", "check"), 1,
                "the first line is neither a BAI2 file header (01), a BAI lockbox header (1) nor the CSV header"
                        + " 'reference,amount,check_number,payer_name,date'; found 'reference,amount,check,payer_name,date'");
        assertRejected(GOOD.replace("77,,2025-03-13", "77,\"Doe,2025-03-13"), 4, "a quoted field is not closed by a double quote");
        assertRejected(GOOD.replace("\"Smith, Jane\"", "\"Smith\" Jane"), 2,
                "text after the closing double quote of a field; a quote inside a field is written twice (\"\")");
    }

    private static void assertRejected(String content, int line, String reason) {
        assertThatThrownBy(() -> LockboxReader.read(content))
                .isInstanceOfSatisfying(LockboxFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.line()).isEqualTo(line);
                });
    }
}
