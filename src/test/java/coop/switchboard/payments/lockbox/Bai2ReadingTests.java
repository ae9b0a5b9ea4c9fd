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
import static org.assertj.core.api.Assertions.tuple;

/** BAI2 files from three banks' styles: the credits read from them, and every control total that can reject them. */
class Bai2ReadingTests {

    private static final String SAMPLE1 = "moov-io-bai2_sample1.txt";

    @Test
    void readsTheCreditsOfACanadianBankFileAndLeavesOutTheReturnedChequesAndCharges() {
        LockboxFile file = read(SAMPLE1);

        assertThat(file.format()).isEqualTo(LockboxFile.BAI2);
        assertThat(file.depositDate()).isEqualTo(LocalDate.of(2006, 3, 17));
        assertThat(file.items()).extracting(LockboxFile.Item::line, LockboxFile.Item::typeCode, LockboxFile.Item::amount, LockboxFile.Item::reference)
                .containsExactly(
                        tuple(8, "108", new BigDecimal("2035.00"), "TFR 1020 0345678"),
                        tuple(9, "108", new BigDecimal("25.00"), "MACLEOD MALL"),
                        tuple(10, "108", new BigDecimal("25.00"), "MASCOUCHE QUE"),
                        tuple(19, "108", new BigDecimal("115.00"), "TFR 1020 0345678"),
                        tuple(20, "108", new BigDecimal("1000.00"), "MONTREAL"));
        assertThat(file.items()).allSatisfy(item -> {
            assertThat(item.batch()).isEqualTo("10200123456");
            assertThat(item.date()).isEqualTo(LocalDate.of(2006, 3, 17));
        });
        assertThat(file.controlCount()).isEqualTo(5);
        assertThat(file.controlTotal()).isEqualTo(new BigDecimal("3200.00"));
    }

    @Test
    void readsSummariesContinuedMidListAndDetailsWithDistributedAndValueDatedFunds() {
        LockboxFile file = read("moov-io-bai2_sample2.txt");

        assertThat(file.items()).extracting(LockboxFile.Item::line, LockboxFile.Item::typeCode, LockboxFile.Item::amount, LockboxFile.Item::reference)
                .containsExactly(
                        tuple(5, "115", new BigDecimal("4500.00"), null),
                        tuple(10, "115", new BigDecimal("5000.00"), "LOCK BOX NO.68751"),
                        tuple(16, "218", new BigDecimal("200000.00"), "YRC065321"),
                        tuple(18, "195", new BigDecimal("100000.00"), null));
        assertThat(file.controlTotal()).isEqualTo(new BigDecimal("309500.00"));
        assertThat(file.depositDate()).isEqualTo(LocalDate.of(2004, 6, 20));
    }

    @Test
    void readsRecordsSharingALineAndARecordContinuedOnTheNextLineWithoutACode() {
        LockboxFile file = read("moov-io-bai2_sample3.txt");

        assertThat(file.items()).hasSize(13);
        assertThat(file.controlTotal()).isEqualTo(new BigDecimal("397.13"));
        assertThat(file.items().get(0).reference()).isEqualTo("TRANSFER   PAYPAL             PPD");
        assertThat(file.items().get(1).reference()).isEqualTo("TRANSFER   MSPBNA BANK        PPD");
        assertThat(file.items().get(0).line()).isEqualTo(3);
        assertThat(file.items().get(1).line()).isEqualTo(3);
        assertThat(file.items().get(3).reference())
                .as("the line 18 detail runs on to line 19, which has no record code, and to the 88 on line 20")
                .isEqualTo("111111     ACH_SETL           1111111111 111111111111111                1111111111");
    }

    @Test
    void readsTheUkAndUsBankFilesWithTextOnContinuationRecords() {
        LockboxFile citi = read("moj-bai2_citi_example.bai2");
        assertThat(citi.items()).singleElement().satisfies(item -> {
            assertThat(item.typeCode()).isEqualTo("191");
            assertThat(item.amount()).isEqualTo(new BigDecimal("0.01"));
            assertThat(item.reference()).isEqualTo("RP12312312312312");
            assertThat(item.batch()).isEqualTo("77777777");
        });

        LockboxFile nwb = read("moj-bai2_nwb_example.bai2");
        assertThat(nwb.items()).singleElement().satisfies(item -> {
            assertThat(item.typeCode()).isEqualTo("399");
            assertThat(item.amount()).isEqualTo(new BigDecimal("0.89"));
            assertThat(item.reference()).as("continuations without a closing slash are joined with a space")
                    .isEqualTo("TFR XBANKGO24007680SJ CAT JPY 2 GBPXBANKGO24007680BGC INTERNATIONAL-5373 CLIE NT SECCY AC TFR");
        });

        LockboxFile svb = read("moj-bai2_svb_us_example.bai2");
        assertThat(svb.items()).extracting(LockboxFile.Item::amount, LockboxFile.Item::reference, LockboxFile.Item::date)
                .containsExactly(
                        tuple(new BigDecimal("4901.96"), "SOME PAYMENT ACH OFFSET", LocalDate.of(2022, 2, 1)),
                        tuple(new BigDecimal("9058.00"), "SOME PAYMENT ACH OFFSET", LocalDate.of(2022, 2, 2)));
        assertThat(svb.depositDate()).isEqualTo(LocalDate.of(2022, 2, 2));
        assertThat(svb.controlTotal()).isEqualTo(new BigDecimal("13959.96"));
    }

    @Test
    void aBlankAccountTrailerAmountMeansZero() {
        LockboxFile blank = read("moj-bai2_account_trailer_amount_blank_example.bai2");
        assertThat(blank.items()).isEmpty();
        assertThat(blank.controlTotal()).isEqualTo(new BigDecimal("0.00"));
        assertThat(blank.depositDate()).isEqualTo(LocalDate.of(2021, 1, 1));

        String citi = fixture("moj-bai2_citi_example.bai2");
        assertThatThrownBy(() -> LockboxReader.read(withLine(citi, 12, "49,,10/")))
                .isInstanceOfSatisfying(LockboxFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(12);
                    assertThat(e.reason()).isEqualTo("account 77777777 trailer (49) gives a total of 0.00 but the account's summary and detail amounts add up to 200.01");
                });
    }

    @Test
    void rejectsTheMoovParseErrorSampleOnItsFirstLine() {
        assertThatThrownBy(() -> read("moov-io-bai2_sample-parseError.txt"))
                .isInstanceOfSatisfying(LockboxFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.reason()).isEqualTo("a BAI2 file starts with a file header (01); this one starts with record type 00");
                    assertThat(e.getMessage()).startsWith("line 1: ");
                });
    }

    @Test
    void rejectsTheNewlineContinuationSamplesBecauseTheirAccountTrailersDoNotAddUp() {
        // Both files' group and file trailers agree with the account trailers, but the second account's trailer
        // (-12,601,613,417.62 over 26 records) describes none of the 18 records it closes.
        for (String name : new String[] {"moov-io-bai2_sample4-continuations-newline-delimited.txt", "moov-io-bai2_sample5-issue113.txt"}) {
            assertThatThrownBy(() -> read(name)).as(name)
                    .isInstanceOfSatisfying(LockboxFormatException.class, e -> {
                        assertThat(e.line()).isEqualTo(22);
                        assertThat(e.reason()).isEqualTo("account 107049932 trailer (49) gives a total of -12601613417.62"
                                + " but the account's summary and detail amounts add up to 79999.60");
                    });
        }
    }

    @Test
    void aChangedDetailAmountIsCaughtByTheAccountTrailer() {
        String changed = withLine(fixture(SAMPLE1), 5, "16,409,000000000002600,V,060316,,,,RETURNED CHEQUE     /");

        assertThatThrownBy(() -> LockboxReader.read(changed))
                .isInstanceOfSatisfying(LockboxFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(16);
                    assertThat(e.reason()).isEqualTo("account 10200123456 trailer (49) gives a total of 8340.00"
                            + " but the account's summary and detail amounts add up to 8341.00");
                });
    }

    @Test
    void aChangedSummaryAmountOnAContinuationIsCaughtByTheAccountTrailer() {
        String changed = withLine(fixture(SAMPLE1), 4, "88,100,000000000208501,00003,V,060316,,400,000000000208500,00008,V,060316,/");

        assertThatThrownBy(() -> LockboxReader.read(changed))
                .isInstanceOfSatisfying(LockboxFormatException.class, e -> assertThat(e.line()).isEqualTo(16));
    }

    @Test
    void everyRecordCountAndTotalInTheTrailersIsChecked() {
        String sample = fixture(SAMPLE1);
        assertThat(line(sample, 16)).isEqualTo("49,+00000000000834000,14/");
        assertThat(line(sample, 26)).isEqualTo("98,+00000000001280000,2,25/");
        assertThat(line(sample, 27)).isEqualTo("99,+00000000001280000,1,27/");

        assertRejected(withLine(sample, 16, "49,+00000000000834000,15/"), 16,
                "account 10200123456 trailer (49) counts 15 records but the account has 14 (03 through 49, with continuations)");
        assertRejected(withLine(sample, 26, "98,+00000000001280001,2,25/"), 26,
                "group trailer (98) gives a total of 12800.01 but the group's account trailers add up to 12800.00");
        assertRejected(withLine(sample, 26, "98,+00000000001280000,3,25/"), 26,
                "group trailer (98) counts 3 accounts but the group has 2");
        assertRejected(withLine(sample, 26, "98,+00000000001280000,2,24/"), 26,
                "group trailer (98) counts 24 records but the group has 25 (02 through 98, with continuations)");
        assertRejected(withLine(sample, 27, "99,+00000000001280001,1,27/"), 27,
                "file trailer (99) gives a total of 12800.01 but the group trailers add up to 12800.00");
        assertRejected(withLine(sample, 27, "99,+00000000001280000,2,27/"), 27,
                "file trailer (99) counts 2 groups but the file has 1");
        assertRejected(withLine(sample, 27, "99,+00000000001280000,1,28/"), 27,
                "file trailer (99) counts 28 records but the file has 27 (01 through 99, with continuations)");
    }

    @Test
    void rejectsMalformedRecordsAndRecordsOutOfPlace() {
        String sample = fixture(SAMPLE1);
        assertRejected(withLine(sample, 5, "17,409,000000000002500,V,060316,,,,RETURNED CHEQUE     /"), 5,
                "record type 17 is not a BAI2 record (01, 02, 03, 16, 49, 88, 98 or 99)");
        assertRejected(withLine(sample, 5, "16,409,0000000000025O0,V,060316,,,,RETURNED CHEQUE     /"), 5,
                "detail amount '0000000000025O0' is not an amount in cents (digits with an optional sign)");
        assertRejected(withLine(sample, 5, "16,409,000000000002500,V,061316,,,,RETURNED CHEQUE     /"), 5,
                "value date '061316' is not a calendar date (YYMMDD)");
        assertRejected(withLine(sample, 5, "16,409,000000000002500,X,,,RETURNED CHEQUE     /"), 5,
                "funds type 'X' is not one BAI2 defines (0, 1, 2, S, V, D or Z)");
        assertRejected(withLine(sample, 2, "02,12345,0004,7,060317,,CAD,/"), 2,
                "group status '7' is not 1 (update), 2 (deletion), 3 (correction) or 4 (test only)");
        assertRejected(withLine(sample, 27, null), 26, "the file ends without a file trailer (99)");
        assertRejected(withLine(sample, 16, null), 16,
                "account identifier (03) before the account trailer (49) of account 10200123456");
        assertRejected(sample + "\n02,12345,0004,1,060317,,CAD,/", 28, "record after the file trailer (99)");
    }

    @Test
    void readsEveryFundsTypeWithItsAvailabilityFieldsAndTakesTheCustomerReferenceBeforeTheText() {
        String file = """
                01,SENDER,RECEIVER,250314,0800,1,,,2/
                02,RECEIVER,SENDER,1,250313,,USD,2/
                03,1234567,USD,010,100000,,,100,7000,7,D,2,0,4000,1,3000/
                16,115,1000,0,,000000004200000100003,/
                16,115,1000,1,BR1,0000000043,/
                16,115,1000,2,BR2,,ACCOUNT 44/
                16,115,1000,S,500,300,200,BR3,0000000045,/
                16,115,1000,V,250312,1200,BR4,0000000046,LOCKBOX/
                16,115,1000,D,2,0,600,1,400,BR5,0000000047,/
                16,115,1000,Z,BR6,AB/GS/0000000048,/
                16,475,2500,,BR7,1001,CHECK PAID/
                49,116500,10/
                98,116500,1,12/
                99,116500,1,14/
                """;

        LockboxFile read = LockboxReader.read(file);

        assertThat(read.items()).extracting(LockboxFile.Item::reference).containsExactly(
                "000000004200000100003", "0000000043", "ACCOUNT 44", "0000000045", "0000000046", "0000000047", "AB/GS/0000000048");
        assertThat(read.controlTotal()).isEqualTo(new BigDecimal("70.00"));
        assertThat(read.depositDate()).isEqualTo(LocalDate.of(2025, 3, 13));

        assertRejected(file.replace("16,115,1000,D,2,0,600,1,400,", "16,115,1000,D,2,0,600,1,4X0,"), 9,
                "amount of distribution 2 '4X0' is not an amount in cents (digits with an optional sign)");
        assertRejected(file.replace("16,115,1000,S,500,300,200,BR3,0000000045,/", "16,115,1000,S,500/"), 7,
                "the detail ends before the availability fields of its funds type S");
    }

    @Test
    void groupsMarkedTestOnlyOrDeletionAreCheckedButBringNoItems() {
        String testOnly = withLine(fixture(SAMPLE1), 2, "02,12345,0004,4,060317,,CAD,/");

        LockboxFile file = LockboxReader.read(testOnly);

        assertThat(file.items()).isEmpty();
        assertThat(file.controlTotal()).isEqualTo(new BigDecimal("0.00"));
    }

    private static void assertRejected(String content, int line, String reason) {
        assertThatThrownBy(() -> LockboxReader.read(content))
                .isInstanceOfSatisfying(LockboxFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.getMessage()).isEqualTo("line " + line + ": " + reason);
                });
    }
}
