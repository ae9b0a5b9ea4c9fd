package coop.switchboard.payments.ach;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AchReturnCodesTests {

    @Test
    void titlesReturnCodesFromMoovsList() {
        assertThat(AchReturnCodes.title("R01")).isEqualTo("Insufficient Funds");
        assertThat(AchReturnCodes.title("R03")).isEqualTo("No Account/Unable to Locate Account");
        assertThat(AchReturnCodes.title("R10")).startsWith("Customer Advises Originator is Not Known to Receiver");
        assertThat(AchReturnCodes.title("R85")).isEqualTo("Incorrectly Coded Outbound International Payment");
    }

    @Test
    void rejoinsTheR15TitleTheSourceSplitAcrossColumns() {
        assertThat(AchReturnCodes.title("R15"))
                .isEqualTo("Beneficiary or bank account holder (other than representative payee) deceased");
    }

    @Test
    void holdsEveryCodeOfTheSourceFromR01ToR85() {
        assertThat(AchReturnCodes.returnCodes()).hasSize(69).containsKeys("R01", "R35", "R37", "R53", "R61", "R77", "R80")
                .doesNotContainKeys("R36", "R54", "R86");
        assertThat(List.copyOf(AchReturnCodes.returnCodes().keySet())).isSorted();
    }

    @Test
    void titlesChangeCodes() {
        assertThat(AchReturnCodes.title("C01")).isEqualTo("Incorrect DFI account number");
        assertThat(AchReturnCodes.title("C02")).isEqualTo("Incorrect routing number");
        assertThat(AchReturnCodes.title("C03")).isEqualTo("Incorrect routing number and incorrect DFI account number");
        assertThat(AchReturnCodes.title("C05")).isEqualTo("Incorrect transaction code");
        assertThat(AchReturnCodes.title("C06")).isEqualTo("Incorrect DFI account number and incorrect transaction code");
        assertThat(AchReturnCodes.title("C07"))
                .isEqualTo("Incorrect routing number, incorrect DFI account number, and incorrect transaction code");
        assertThat(AchReturnCodes.changeCodes()).containsKeys("C01", "C13", "C14", "C61", "C69");
    }

    @Test
    void namesCodesNoListHoldsUnknown() {
        assertThat(AchReturnCodes.title("R97")).isEqualTo("unknown return reason");
        assertThat(AchReturnCodes.title("C99")).isEqualTo("unknown change code");
        assertThat(AchReturnCodes.isKnown("R97")).isFalse();
        assertThat(AchReturnCodes.isKnown("R01")).isTrue();
        assertThat(AchReturnCodes.isKnown("C01")).isTrue();
    }
}
