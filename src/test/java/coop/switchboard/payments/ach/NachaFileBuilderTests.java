package coop.switchboard.payments.ach;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

import static coop.switchboard.payments.ach.NachaFixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class NachaFileBuilderTests {
    private static final AchOrigin ORIGIN = new AchOrigin("091000019", "Wells Fargo", "1936001234", "Cascade Electric Co-op",
            "1936001234", "09100001");
    private static final LocalDateTime CREATED = LocalDateTime.of(2026, 3, 9, 17, 45, 31);
    private static final LocalDate MARCH_12 = LocalDate.of(2026, 3, 12);
    private static final LocalDate MARCH_13 = LocalDate.of(2026, 3, 13);

    private static EntryDraft draft(SecCode sec, int code, long cents, String member, String name, LocalDate date) {
        return new EntryDraft(sec, code, "021000021", "000123456789", cents, member, name, date);
    }

    private static NachaFile autopayRun() {
        return new NachaFileBuilder(ORIGIN, CREATED, "Elec Bill")
                .add(draft(SecCode.PPD, 27, 12_345, "100200300", "Ana Lopez", MARCH_12))
                .add(draft(SecCode.PPD, 37, 8_810, "100200301", "Bo Chen", MARCH_12))
                .add(draft(SecCode.CCD, 27, 1_250_000, "900100", "Riverside Mill LLC", MARCH_12))
                .add(draft(SecCode.PPD, 28, 0, "100200302", "Cal Diaz", MARCH_12))
                .add(draft(SecCode.PPD, 22, 4_500, "100200303", "Dee Evans", MARCH_12))
                .add(draft(SecCode.PPD, 27, 20_000, "100200304", "Eli Ford", MARCH_13))
                .add(draft(SecCode.PPD, 32, 1_999, "100200305", "Fay Gray", MARCH_12))
                .build();
    }

    @Test
    void makesOneBatchPerEffectiveDateSecCodeAndDirection() {
        NachaFile file = autopayRun();

        assertThat(file.batches()).extracting(b -> b.header().effectiveEntryDate(), b -> b.header().secCode(),
                b -> b.header().serviceClassCode(), b -> b.header().batchNumber(), b -> b.entries().size())
                .containsExactly(
                        tuple(MARCH_12, SecCode.CCD, 225, 1, 1),
                        tuple(MARCH_12, SecCode.PPD, 225, 2, 3),
                        tuple(MARCH_12, SecCode.PPD, 220, 3, 2),
                        tuple(MARCH_13, SecCode.PPD, 225, 4, 1));
        assertThat(file.batches().get(1).entries()).extracting(Entry::individualId)
                .containsExactly("100200300", "100200301", "100200302");
    }

    @Test
    void numbersTracesFromTheOriginatingDfiInFileOrder() {
        assertThat(autopayRun().entries()).extracting(Entry::traceNumber).containsExactly("091000010000001",
                "091000010000002", "091000010000003", "091000010000004", "091000010000005", "091000010000006",
                "091000010000007");
    }

    @Test
    void totalsTheBatchesAndTheFile() {
        NachaFile file = autopayRun();

        // 17 records (file header and control, 4 batch headers and controls, 7 entries) fill 2 blocks; the entry hash
        // is 7 × 02100002; debits include the zero-dollar prenote.
        assertThat(file.control()).isEqualTo(new FileControl(4, 2, 7, 14_700_014L, 1_291_155, 6_499));
        assertThat(file.batches().get(1).control()).isEqualTo(new BatchControl(225, 3, 6300006L, 21_155, 0, "1936001234", "",
                "09100001", 2));
    }

    @Test
    void fillsTheHeadersFromTheOriginAndTheGivenCreationTime() {
        NachaFile file = autopayRun();

        assertThat(file.header()).isEqualTo(new FileHeader("091000019", "1936001234", LocalDate.of(2026, 3, 9),
                LocalTime.of(17, 45), 'A', "WELLS FARGO", "CASCADE ELECTRIC CO-OP", ""));
        BatchHeader header = file.batches().getFirst().header();
        assertThat(header.companyName()).isEqualTo("CASCADE ELECTRIC");
        assertThat(header.companyIdentification()).isEqualTo("1936001234");
        assertThat(header.companyEntryDescription()).isEqualTo("ELEC BILL");
        assertThat(header.originatingDfi()).isEqualTo("09100001");
        assertThat(header.originatorStatusCode()).isEqualTo('1');
    }

    @Test
    void theReaderReadsBackTheSameEntriesAndTotals() {
        NachaFile built = autopayRun();
        String written = NachaWriter.write(built);

        NachaFile read = NachaReader.strict().read(written);

        assertThat(read.header()).isEqualTo(built.header());
        assertThat(read.control()).isEqualTo(built.control());
        assertThat(read.batches()).extracting(Batch::header).isEqualTo(built.batches().stream().map(Batch::header).toList());
        assertThat(read.batches()).extracting(Batch::control).isEqualTo(built.batches().stream().map(Batch::control).toList());
        assertThat(read.entries()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("line")
                .containsExactlyElementsOf(built.entries());
        assertThat(read.entries()).extracting(Entry::line).containsExactly(3, 6, 7, 8, 11, 12, 15);
    }

    @Test
    void writesRecordsOf94CharactersAndALineCountThatIsAMultipleOfTen() {
        List<String> lines = lines(NachaWriter.write(autopayRun()));

        assertThat(lines).hasSize(20).allSatisfy(line -> assertThat(line).hasSize(94));
        assertThat(lines.getFirst()).isEqualTo("101" + " 091000019" + "1936001234" + "260309" + "1745" + "A094101"
                + "WELLS FARGO            " + "CASCADE ELECTRIC CO-OP " + "        ");
        assertThat(lines.get(1)).isEqualTo("5225" + "CASCADE ELECTRIC" + " ".repeat(20) + "1936001234" + "CCD" + "ELEC BILL "
                + "      " + "260312" + "   " + "1" + "09100001" + "0000001");
        assertThat(lines.get(5)).isEqualTo("627" + "021000021" + "000123456789     " + "0000012345" + "100200300      "
                + "ANA LOPEZ             " + "  " + "0" + "091000010000002");
        assertThat(lines.get(8)).isEqualTo("8225" + "000003" + "0006300006" + "000000021155" + "000000000000" + "1936001234"
                + " ".repeat(25) + "09100001" + "0000002");
        assertThat(lines.get(16)).isEqualTo("9" + "000004" + "000002" + "00000007" + "0014700014" + "000001291155"
                + "000000006499" + " ".repeat(39));
        assertThat(lines.subList(17, 20)).containsOnly("9".repeat(94));
    }

    @Test
    void upperCasesFoldsToAsciiAndCutsNamesToTheirFields() {
        NachaFile file = new NachaFileBuilder(ORIGIN, CREATED, "Électricité du mois")
                .add(draft(SecCode.PPD, 27, 100, "42", "Zoë  Ångström-Núñez the Third of Many", MARCH_12))
                .build();

        assertThat(file.entries().getFirst().individualName()).isEqualTo("ZOE ANGSTROM-NUNEZ THE");
        assertThat(file.batches().getFirst().header().companyEntryDescription()).isEqualTo("ELECTRICIT");
        assertThat(NachaFileBuilder.fold("Łódź\tpayment", 22)).isEqualTo("ODZ PAYMENT");
    }

    @Test
    void aPrenoteCarriesNoAmount() {
        assertThatThrownBy(() -> draft(SecCode.PPD, 28, 100, "42", "Ana Lopez", MARCH_12))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a prenote carries no amount, not $1.00");
        assertThatThrownBy(() -> draft(SecCode.PPD, 27, 0, "42", "Ana Lopez", MARCH_12))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesDraftsSwitchboardDoesNotOriginate() {
        assertThatThrownBy(() -> draft(SecCode.WEB, 27, 100, "42", "Ana Lopez", MARCH_12))
                .hasMessage("Switchboard originates PPD and CCD entries, not WEB");
        assertThatThrownBy(() -> draft(SecCode.PPD, 26, 100, "42", "Ana Lopez", MARCH_12))
                .hasMessageStartingWith("transaction code 26 is not one Switchboard originates");
        assertThatThrownBy(() -> new EntryDraft(SecCode.PPD, 27, "021000022", "1", 100, "42", "Ana", MARCH_12))
                .hasMessage("routing number 021000022 fails its check digit: it should end in 1");
        assertThatThrownBy(() -> new EntryDraft(SecCode.PPD, 27, "021000021", "123456789012345678", 100, "42", "Ana", MARCH_12))
                .hasMessageContaining("must be 1 to 17 letters, digits or hyphens");
        assertThatThrownBy(() -> draft(SecCode.PPD, 27, 100, "1234567890123456", "Ana Lopez", MARCH_12))
                .hasMessage("individual id \"1234567890123456\" is longer than 15 characters");
    }

    @Test
    void refusesAnEmptyFile() {
        assertThatThrownBy(() -> new NachaFileBuilder(ORIGIN, CREATED, "ELEC BILL").build())
                .isInstanceOf(IllegalStateException.class);
    }
}
