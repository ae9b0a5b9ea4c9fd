package coop.switchboard.payments.ach;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import static coop.switchboard.payments.ach.NachaFixtures.edit;
import static coop.switchboard.payments.ach.NachaFixtures.lines;
import static coop.switchboard.payments.ach.NachaFixtures.path;
import static coop.switchboard.payments.ach.NachaFixtures.replaceLine;
import static coop.switchboard.payments.ach.NachaFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class NachaReaderTests {
    private static final NachaReader STRICT = NachaReader.strict();
    /** ppd-mixedDebitCredit.ach: a debit and two credits in one PPD batch of service class 200, lines 1-7 and padding. */
    private static final String MIXED = text("ppd-mixedDebitCredit.ach");

    // Control totals as the files state them, checked against the entries by the reader.
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // file,                          batches, blocks, entry+addenda, entry hash, debit cents, credit cents, entries
            "ppd-debit.ach,                          1, 1, 1, 23138010,   200000000,         0, 1",
            "ppd-credit.ach,                         1, 1, 1, 23138010,           0, 100000000, 1",
            "ppd-mixedDebitCredit.ach,               1, 1, 3, 69414030,   200000000, 200000000, 3",
            "trimmed-ppd-mixedDebitCredit.ach,       1, 1, 3, 69414030,   200000000, 200000000, 3",
            "web-credit.ach,                         1, 1, 2, 23138010,           0,     10000, 1",
            "web-debit.ach,                          3, 2, 6, 50600106,       15000,     26820, 6",
            "NACHA_SAMPLE_TEL_REVERSAL.ach,          1, 1, 2,  5201918,      685100,    685100, 2",
            "return-WEB.ach,                         2, 1, 4, 18280120,       12354,      4565, 2",
            "cor-example.ach,                        1, 1, 2, 23138010,           0,         0, 1",
    })
    void readsEveryValidFixtureWithItsControlTotals(String file, int batches, int blocks, int records, long hash,
                                                    long debits, long credits, int entries) {
        NachaFile nacha = STRICT.read(path(file));

        assertThat(nacha.control()).isEqualTo(new FileControl(batches, blocks, records, hash, debits, credits));
        assertThat(nacha.batches()).hasSize(batches);
        assertThat(nacha.entries()).hasSize(entries);
        assertThat(nacha.entries().stream().filter(Entry::isDebit).mapToLong(Entry::amountCents).sum()).isEqualTo(debits);
        assertThat(nacha.entries().stream().filter(Entry::isCredit).mapToLong(Entry::amountCents).sum()).isEqualTo(credits);
    }

    @Test
    void readsEveryFieldOfAPpdDebitFile() {
        NachaFile nacha = STRICT.read(path("ppd-debit.ach"));

        assertThat(nacha.header()).isEqualTo(new FileHeader("031300012", "0231380104", LocalDate.of(2019, 8, 16),
                LocalTime.of(10, 55), 'A', "Federal Reserve Bank", "My Bank Name", "12345678"));
        Batch batch = nacha.batches().getFirst();
        assertThat(batch.header()).isEqualTo(new BatchHeader(225, "Name on Account", "", "231380104", SecCode.PPD,
                "REG.SALARY", "", LocalDate.of(2019, 8, 16), '1', "12104288", 1));
        assertThat(batch.entries()).containsExactly(new Entry(27, "23138010", '4', "123456789", 200000000, "",
                "Debit Account", "", 0, "121042880000001", List.of(), 3));
        assertThat(batch.control()).isEqualTo(new BatchControl(225, 1, 23138010, 200000000, 0, "231380104", "",
                "12104288", 1));
        Entry entry = batch.entries().getFirst();
        assertThat(entry.isDebit()).isTrue();
        assertThat(entry.isPrenote()).isFalse();
        assertThat(entry.routingNumber()).isEqualTo("231380104");
        assertThat(entry.accountType()).isEqualTo(AccountType.CHECKING);
    }

    @Test
    void readsPaymentRelatedAddenda() {
        Entry entry = STRICT.read(path("web-credit.ach")).entries().getFirst();

        assertThat(entry.addendaIndicator()).isEqualTo(1);
        assertThat(entry.addenda()).containsExactly(new Addenda.PaymentRelated("PAY-GATE payment\\", 1, 1));
        assertThat(entry.individualId()).isEqualTo("#789654");
        assertThat(entry.discretionaryData()).isEqualTo("S");
    }

    @Test
    void readsWebAndPpdBatchesOfOneFileKeepingDiscretionaryDataAsPositioned() {
        NachaFile nacha = STRICT.read(path("web-debit.ach"));

        assertThat(nacha.batches()).extracting(b -> b.header().secCode()).containsExactly(SecCode.WEB, SecCode.WEB, SecCode.PPD);
        assertThat(nacha.batches()).extracting(b -> b.header().serviceClassCode()).containsExactly(220, 220, 225);
        Entry first = nacha.entries().getFirst();
        assertThat(first.dfiAccountNumber()).isEqualTo("12345678901234567");
        assertThat(first.amountCents()).isEqualTo(3521);
        assertThat(first.individualId()).isEqualTo("RAj##23920rjf31");
        assertThat(first.individualName()).isEqualTo("John Doe");
        assertThat(first.discretionaryData()).isEqualTo(" S");
        assertThat(first.traceNumber()).isEqualTo("081000030000000");
        Entry savings = nacha.entries().getLast();
        assertThat(savings.transactionCode()).isEqualTo(27);
        assertThat(savings.dfiAccountNumber()).isEqualTo("923698412584");
        assertThat(savings.line()).isEqualTo(12);
    }

    @Test
    void readsAMixedTelReversalBatch() {
        NachaFile nacha = STRICT.read(path("NACHA_SAMPLE_TEL_REVERSAL.ach"));

        assertThat(nacha.batches().getFirst().header().secCode()).isEqualTo(SecCode.TEL);
        assertThat(nacha.batches().getFirst().header().effectiveEntryDate()).isEqualTo(LocalDate.of(2023, 1, 31));
        assertThat(nacha.entries()).extracting(Entry::transactionCode, Entry::isCredit, Entry::amountCents)
                .containsExactly(tuple(22, true, 685100L),
                        tuple(27, false, 685100L));
    }

    @Test
    void readsAZeroEffectiveDateOfANotificationOfChangeBatchAsNone() {
        BatchHeader header = STRICT.read(path("cor-example.ach")).batches().getFirst().header();

        assertThat(header.secCode()).isEqualTo(SecCode.COR);
        assertThat(header.effectiveEntryDate()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            short-line.ach        | 5 | file control record is 74 characters; NACHA records are 94
            long-line.ach         | 3 | entry detail record is 98 characters; NACHA records are 94
            trimmed-ppd-debit.ach | 1 | file header record is 75 characters; NACHA records are 94
            return-PPD-custom-reason-code.ach | 1 | file header record is 74 characters; NACHA records are 94
            20110729A-invalid.ach | 1 | file header record is 93 characters; NACHA records are 94
            20110805A.ach         | 93 | file control counts 5 batches; the file holds 4
            """)
    void rejectsMalformedFixturesNamingTheLineAndTheReason(String file, int line, String reason) {
        NachaFormatException e = rejection(() -> STRICT.read(path(file)));

        assertThat(e.line()).isEqualTo(line);
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e).hasMessage("line " + line + ": " + reason);
    }

    @Test
    void rejectsAdvFilesAsUnsupportedAtTheirBatchHeader() {
        // The file's own fault is its file control, which counts 0 entry and addenda records where it holds 2; the
        // reader stops earlier, at the ADV batch it does not read.
        NachaFormatException e = rejection(() -> STRICT.read(path("adv-invalidFileControl.ach")));

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.reason()).startsWith("ADV files are not supported");
    }

    @Test
    void readsTheMultiBatchFileWithItsIatBatchesOnceItsBatchCountIsCorrected() {
        // 20110805A.ach's only fault: its file control says 5 batches (its batch numbers are 1, 3, 4, 5).
        NachaFile nacha = STRICT.read(edit(text("20110805A.ach"), 93, 2, "000004"));

        assertThat(nacha.control()).isEqualTo(new FileControl(4, 10, 83, 136685201, 5101000, 200));
        assertThat(nacha.batches()).extracting(b -> b.header().batchNumber()).containsExactly(1, 3, 4, 5);
        assertThat(nacha.batches()).extracting(b -> b.header().secCode())
                .containsExactly(SecCode.PPD, SecCode.PPD, SecCode.IAT, SecCode.IAT);
        Entry iat = nacha.batches().get(2).entries().getFirst();
        assertThat(iat.individualName()).isEqualTo("HAYDEN BANKS");
        assertThat(iat.dfiAccountNumber()).isEqualTo("998412345");
        assertThat(iat.amountCents()).isEqualTo(109000);
        assertThat(iat.addenda()).extracting(Addenda::typeCode).containsExactly(10, 11, 12, 13, 14, 15, 16);
        assertThat(iat.line()).isEqualTo(50);
    }

    @Test
    void aReaderRestoringTrimmedSpacesReadsFilesWhoseTrailingSpacesWereStripped() {
        NachaReader reader = NachaReader.restoringTrimmedSpaces();

        assertThat(reader.read(path("trimmed-ppd-debit.ach")).control())
                .isEqualTo(new FileControl(1, 1, 1, 23138010, 100000000, 0));
        assertThat(reader.read(path("return-PPD-custom-reason-code.ach")).control())
                .isEqualTo(new FileControl(1, 1, 2, 9222117, 0, 106161));
    }

    @Test
    void aReaderRestoringTrimmedSpacesStillRejectsALineThatWasCut() {
        NachaFormatException e = rejection(() -> NachaReader.restoringTrimmedSpaces().read(path("short-line.ach")));

        assertThat(e.line()).isEqualTo(5);
        assertThat(e.reason()).isEqualTo("file control record is 74 characters; NACHA records are 94");
    }

    @Test
    void theTrimmedMixedFixtureIsTheUntrimmedFileByteForByte() {
        assertThat(text("trimmed-ppd-mixedDebitCredit.ach")).isEqualTo(MIXED);
    }

    @Test
    void acceptsCrlfLineEndingsTrailingBlankLinesAByteOrderMarkAndNoPadding() {
        NachaFile expected = STRICT.read(MIXED);

        assertThat(STRICT.read(MIXED.replace("\n", "\r\n"))).isEqualTo(expected);
        assertThat(STRICT.read(MIXED + "\n\n   \n")).isEqualTo(expected);
        assertThat(STRICT.read("\uFEFF" + MIXED)).isEqualTo(expected);
        assertThat(STRICT.read(String.join("\n", lines(MIXED).subList(0, 7)))).isEqualTo(expected);
    }

    @Test
    void readsAFileWrittenAsOneLongLineCountingRecordsAsLines() {
        NachaFile nacha = STRICT.read(String.join("", lines(MIXED)));

        assertThat(nacha).isEqualTo(STRICT.read(MIXED));
        assertThat(nacha.entries()).extracting(Entry::line).containsExactly(3, 4, 5);
    }

    @Test
    void readsFromAStreamAndAPathAsFromText() {
        NachaFile expected = STRICT.read(MIXED);

        assertThat(STRICT.read(new ByteArrayInputStream(MIXED.getBytes(StandardCharsets.ISO_8859_1)))).isEqualTo(expected);
        assertThat(STRICT.read(path("ppd-mixedDebitCredit.ach"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "line {1}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            3 | 12 | 5            | entry detail receiving DFI (positions 4-12): routing number 231380105 fails its check digit: it should end in 4
            3 | 30 | 02000000O0   | entry detail amount (positions 30-39) is "02000000O0"; it must be digits
            3 |  2 | 25           | entry detail transaction code (positions 2-3) 25 is not a NACHA transaction code
            3 |  2 | 28           | a prenote (transaction code 28) carries $2,000,000.00; prenotes are zero-dollar entries
            3 | 79 | 1            | the entry's addenda record indicator (position 79) is 1 but no addenda record follows it
            3 | 80 | 12104288000000X | entry detail trace number (positions 80-94) is "12104288000000X"; it must be digits
            4 |  1 | 4            | unknown record type "4"; NACHA records start with 1, 5, 6, 7, 8 or 9
            1 |  5 | 231380105    | file header immediate destination (positions 4-13): routing number 231380105 fails its check digit: it should end in 4
            1 | 24 | 191318       | file header creation date (positions 24-29) is "191318", not a date (YYMMDD)
            1 | 35 | 095          | file header record size (positions 35-37) is "095"; NACHA records are 094
            2 |  2 | 230          | batch header service class code (positions 2-4) is 230; it must be 200 (debits and credits), 220 (credits only) or 225 (debits only)
            2 | 51 | PDT          | batch header standard entry class code (positions 51-53) "PDT" is not a NACHA SEC code
            2 | 70 | 190231       | batch header effective entry date (positions 70-75) is "190231", not a date (YYMMDD)
            6 |  2 | 220          | batch control service class code 220 does not match its batch header's (line 2), 200
            6 | 88 | 0000002      | batch control batch number 2 does not match its batch header's (line 2), 1
            6 | 80 | 12104289     | batch control originating DFI 12104289 does not match its batch header's (line 2), 12104288
            6 | 45 | 121042883    | batch control company identification "121042883" does not match its batch header's (line 2), "121042882"
            6 |  5 | 000004       | batch control counts 4 entry and addenda records; the batch holds 3
            6 | 11 | 0069414031   | batch control entry hash is 0069414031; the entries' receiving DFIs sum to 0069414030
            6 | 21 | 000200000001 | batch control total debits are $2,000,000.01; the debit entries sum to $2,000,000.00
            6 | 33 | 000100000000 | batch control total credits are $1,000,000.00; the credit entries sum to $2,000,000.00
            6 | 21 | 0002000000 1 | batch control total debit amount (positions 21-32) is "0002000000 1"; it must be digits
            7 |  2 | 000002       | file control counts 2 batches; the file holds 1
            7 | 14 | 00000004     | file control counts 4 entry and addenda records; the file holds 3
            7 | 22 | 0069414031   | file control entry hash is 0069414031; the batches' entry hashes sum to 0069414030
            7 | 32 | 000200000001 | file control total debits are $2,000,000.01; the batches' debits sum to $2,000,000.00
            7 | 44 | 000000000000 | file control total credits are $0.00; the batches' credits sum to $2,000,000.00
            7 |  8 | 000002       | file control counts 2 blocks of ten records; the file's records up to its file control need 1
            """)
    void rejectsAFieldThatIsWrongNamingItsLine(int line, int position, String replacement, String reason) {
        NachaFormatException e = rejection(() -> STRICT.read(edit(MIXED, line, position, replacement)));

        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.line()).isEqualTo(line);
    }

    @Test
    void rejectsARecordOfTheWrongLength() {
        String shortened = replaceLine(MIXED, 3, lines(MIXED).get(2).substring(0, 93));

        NachaFormatException e = rejection(() -> STRICT.read(shortened));

        assertThat(e).hasMessage("line 3: entry detail record is 93 characters; NACHA records are 94");
    }

    @Test
    void rejectsOneLongLineThatIsNotWholeRecords() {
        NachaFormatException e = rejection(() -> STRICT.read(String.join("", lines(MIXED)) + "X"));

        assertThat(e).hasMessage("line 1: file header record is 941 characters; NACHA records are 94"
                + " (a file on one line must be a multiple of 94 characters)");
    }

    @Test
    void rejectsRecordsOutOfOrder() {
        List<String> swapped = new ArrayList<>(lines(MIXED));
        swapped.set(1, lines(MIXED).get(2));
        swapped.set(2, lines(MIXED).get(1));

        NachaFormatException e = rejection(() -> STRICT.read(String.join("\n", swapped)));

        assertThat(e).hasMessage("line 2: an entry detail record cannot follow a file header record (line 1); expected a"
                + " batch header record or the file control record");
    }

    @Test
    void rejectsAFileThatDoesNotStartWithAFileHeader() {
        NachaFormatException e = rejection(() -> STRICT.read(String.join("\n", lines(MIXED).subList(1, 7))));

        assertThat(e).hasMessage("line 1: the file starts with a batch header record; a NACHA file starts with a file header record");
    }

    @Test
    void rejectsAFileWithoutAFileControl() {
        NachaFormatException e = rejection(() -> STRICT.read(String.join("\n", lines(MIXED).subList(0, 6))));

        assertThat(e).hasMessage("line 6: the file ends without a file control record");
    }

    @Test
    void rejectsPaddingWhereTheFileControlShouldBe() {
        List<String> noControl = new ArrayList<>(lines(MIXED));
        noControl.remove(6);

        NachaFormatException e = rejection(() -> STRICT.read(String.join("\n", noControl)));

        assertThat(e).hasMessage("line 7: a block padding record cannot follow a batch control record (line 6); expected a"
                + " batch header record or the file control record");
    }

    @Test
    void rejectsAFileThatEndsInsideABatch() {
        NachaFormatException e = rejection(() -> STRICT.read(String.join("\n", lines(MIXED).subList(0, 5))));

        assertThat(e).hasMessage("line 5: the file ends inside the batch that starts on line 2; its batch control record is missing");
    }

    @Test
    void rejectsABatchWithoutEntries() {
        List<String> empty = new ArrayList<>(lines(MIXED));
        empty.subList(2, 5).clear();

        NachaFormatException e = rejection(() -> STRICT.read(String.join("\n", empty)));

        assertThat(e).hasMessage("line 3: the batch that starts on line 2 has no entries");
    }

    @Test
    void rejectsAnythingButPaddingAfterTheFileControl() {
        NachaFormatException e = rejection(() -> STRICT.read(replaceLine(MIXED, 9, lines(MIXED).get(2))));

        assertThat(e).hasMessage("line 9: an entry detail record after the file control record (line 7); only block padding"
                + " (lines of 94 nines) may follow it");
    }

    @Test
    void rejectsABlankLineInsideTheFile() {
        List<String> gap = new ArrayList<>(lines(MIXED));
        gap.add(3, "");

        assertThat(rejection(() -> STRICT.read(String.join("\n", gap)))).hasMessage("line 4: a blank line inside the file");
    }

    @Test
    void rejectsAnEmptyFile() {
        assertThat(rejection(() -> STRICT.read(""))).hasMessage("line 1: the file is empty");
        assertThat(rejection(() -> STRICT.read("\n\r\n  \n"))).hasMessage("line 1: the file is empty");
    }

    @Test
    void rejectsACreditInADebitsOnlyBatch() {
        NachaFormatException e = rejection(() -> STRICT.read(edit(text("ppd-debit.ach"), 3, 2, "22")));

        assertThat(e).hasMessage("line 3: a credit (transaction code 22) in a batch of service class 225, which holds debits only");
    }

    @Test
    void rejectsAddendaAfterAnEntryThatSaysItHasNone() {
        NachaFormatException e = rejection(() -> STRICT.read(edit(text("web-credit.ach"), 3, 79, "0")));

        assertThat(e).hasMessage("line 4: an addenda record follows the entry on line 3, whose addenda record indicator"
                + " (position 79) is 0");
    }

    @Test
    void rejectsAnUnknownAddendaType() {
        NachaFormatException e = rejection(() -> STRICT.read(edit(text("web-credit.ach"), 4, 2, "06")));

        assertThat(e).hasMessage("line 4: addenda type code (positions 2-3) 06 is not a NACHA addenda type");
    }

    private static NachaFormatException rejection(ThrowingCallable read) {
        NachaFormatException e = catchThrowableOfType(NachaFormatException.class, read);
        assertThat(e).as("the reader rejects the file").isNotNull();
        return e;
    }
}
