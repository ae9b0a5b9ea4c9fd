package coop.switchboard.payments.ach;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static coop.switchboard.payments.ach.NachaFixtures.edit;
import static coop.switchboard.payments.ach.NachaFixtures.lines;
import static coop.switchboard.payments.ach.NachaFixtures.path;
import static coop.switchboard.payments.ach.NachaFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NachaWriterTests {
    private static final NachaReader STRICT = NachaReader.strict();

    @ParameterizedTest
    @ValueSource(strings = {"ppd-debit.ach", "ppd-credit.ach", "ppd-mixedDebitCredit.ach", "web-credit.ach", "web-debit.ach"})
    void writingWhatWasReadGivesBackTheFilesRecords(String file) {
        String written = NachaWriter.write(STRICT.read(path(file)));

        assertThat(lines(written)).isEqualTo(lines(text(file)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NACHA_SAMPLE_TEL_REVERSAL.ach", "return-WEB.ach", "cor-example.ach"})
    void writingWhatWasReadGivesAFileThatReadsTheSame(String file) {
        NachaFile read = STRICT.read(path(file));

        assertThat(STRICT.read(NachaWriter.write(read))).isEqualTo(read);
    }

    @Test
    void writesRecordsOf94CharactersInBlocksOfTenPaddedWithNines() {
        String written = NachaWriter.write(STRICT.read(path("web-debit.ach")));

        assertThat(written).endsWith("\n");
        assertThat(lines(written)).hasSize(20).allSatisfy(line -> assertThat(line).hasSize(94));
        assertThat(lines(written).subList(14, 20)).containsOnly("9".repeat(94));
    }

    @Test
    void refusesAFileWhoseControlDisagreesWithItsEntries() {
        NachaFile read = STRICT.read(path("ppd-debit.ach"));
        FileControl c = read.control();
        NachaFile wrong = new NachaFile(read.header(), read.batches(),
                new FileControl(c.batchCount(), c.blockCount(), c.entryAddendaCount(), c.entryHash(), c.totalDebitCents() + 1,
                        c.totalCreditCents()));

        assertThatThrownBy(() -> NachaWriter.write(wrong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the file control");
    }

    @Test
    void refusesABatchWhoseControlDisagreesWithItsEntries() {
        NachaFile read = STRICT.read(path("ppd-debit.ach"));
        Batch batch = read.batches().getFirst();
        Entry entry = batch.entries().getFirst();
        Entry bigger = new Entry(entry.transactionCode(), entry.receivingDfi(), entry.checkDigit(), entry.dfiAccountNumber(),
                entry.amountCents() + 100, entry.individualId(), entry.individualName(), entry.discretionaryData(),
                entry.addendaIndicator(), entry.traceNumber(), entry.addenda(), entry.line());
        NachaFile wrong = new NachaFile(read.header(), List.of(new Batch(batch.header(), List.of(bigger), batch.control())),
                read.control());

        assertThatThrownBy(() -> NachaWriter.write(wrong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("batch 1's control");
    }

    @Test
    void refusesAFieldTooLongRatherThanCuttingIt() {
        NachaFile read = STRICT.read(path("ppd-debit.ach"));
        Batch batch = read.batches().getFirst();
        Entry entry = batch.entries().getFirst();
        Entry longAccount = new Entry(entry.transactionCode(), entry.receivingDfi(), entry.checkDigit(),
                "123456789012345678", entry.amountCents(), entry.individualId(), entry.individualName(),
                entry.discretionaryData(), entry.addendaIndicator(), entry.traceNumber(), entry.addenda(), 0);

        assertThatThrownBy(() -> NachaWriter.write(NachaFile.of(read.header(), List.of(Batch.of(batch.header(), List.of(longAccount))))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entry detail DFI account number \"123456789012345678\" is longer than its 17 characters");
    }

    @Test
    void refusesCharactersOutsidePrintableAscii() {
        NachaFile read = STRICT.read(path("ppd-debit.ach"));
        Batch batch = read.batches().getFirst();
        Entry entry = batch.entries().getFirst();
        Entry accented = new Entry(entry.transactionCode(), entry.receivingDfi(), entry.checkDigit(), entry.dfiAccountNumber(),
                entry.amountCents(), entry.individualId(), "Zoë", "", 0, entry.traceNumber(), List.of(), 0);

        assertThatThrownBy(() -> NachaWriter.write(NachaFile.of(read.header(), List.of(Batch.of(batch.header(), List.of(accented))))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("individual name \"Zoë\" holds a character a NACHA file cannot carry");
    }

    @Test
    void refusesToWriteIatBatches() {
        NachaFile iat = STRICT.read(edit(text("20110805A.ach"), 93, 2, "000004"));

        assertThatThrownBy(() -> NachaWriter.write(iat)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch 4 is IAT; IAT batches cannot be written");
    }
}
