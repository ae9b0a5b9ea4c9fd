package coop.switchboard.payments.ach;

import org.junit.jupiter.api.Test;

import java.util.List;

import static coop.switchboard.payments.ach.NachaFixtures.path;
import static org.assertj.core.api.Assertions.assertThat;

class AchReturnFileTests {

    @Test
    void turnsReturnEntriesIntoReturnsWithTheirReasons() {
        List<AchReturn> returns = AchReturnFile.of(NachaReader.strict().read(path("return-WEB.ach")));

        assertThat(returns).containsExactly(
                new AchReturn(AchReturn.Kind.RETURN, "091400600000001", "R01", "Insufficient Funds", 12354,
                        "MjMxNDAwMjAtOGQ", "Paul Jones", null, null, 3),
                new AchReturn(AchReturn.Kind.RETURN, "091400600000003", "R03", "No Account/Unable to Locate Account", 4565,
                        "NmRjZTJmMzItMGN", "Bob Marley", null, null, 7));
    }

    @Test
    void keepsAReturnCodeNoListHolds() {
        // The fixture's lines 1 and 6 lost their trailing spaces; the reader that restores them reads it.
        List<AchReturn> returns = AchReturnFile.of(NachaReader.restoringTrimmedSpaces()
                .read(path("return-PPD-custom-reason-code.ach")));

        assertThat(returns).containsExactly(new AchReturn(AchReturn.Kind.RETURN, "092221172022300", "R97",
                "unknown return reason", 106161, "xxxxxxx3105", "Jane Doe", null, null, 3));
    }

    @Test
    void turnsANotificationOfChangeIntoTheCorrectedAccountNumber() {
        List<AchReturn> returns = AchReturnFile.of(NachaReader.strict().read(path("cor-example.ach")));

        assertThat(returns).containsExactly(new AchReturn(AchReturn.Kind.NOC, "121042880000001", "C01",
                "Incorrect DFI account number", 0, "location #23", "Best Co. #23", "1918171614",
                new AchCorrection(null, "1918171614", null, null, null, null), 3));
    }

    @Test
    void findsNothingInAFileOfOrdinaryEntries() {
        assertThat(AchReturnFile.of(NachaReader.strict().read(path("web-credit.ach")))).isEmpty();
    }

    @Test
    void readsEachChangeCodesCorrectedDataByItsLayout() {
        assertThat(AchCorrection.of("C02", "021000021")).isEqualTo(new AchCorrection("021000021", null, null, null, null, null));
        assertThat(AchCorrection.of("C03", "021000021   12345678"))
                .isEqualTo(new AchCorrection("021000021", "12345678", null, null, null, null));
        assertThat(AchCorrection.of("C05", "32")).isEqualTo(new AchCorrection(null, null, 32, AccountType.SAVINGS, null, null));
        assertThat(AchCorrection.of("C06", "12345678            27"))
                .isEqualTo(new AchCorrection(null, "12345678", 27, AccountType.CHECKING, null, null));
        assertThat(AchCorrection.of("C07", "02100002112345678         37"))
                .isEqualTo(new AchCorrection("021000021", "12345678", 37, AccountType.SAVINGS, null, null));
        assertThat(AchCorrection.of("C04", "ANA LOPEZ-DIAZ")).isEqualTo(new AchCorrection(null, null, null, null, "ANA LOPEZ-DIAZ", null));
        assertThat(AchCorrection.of("C09", "100200300")).isEqualTo(new AchCorrection(null, null, null, null, null, "100200300"));
        assertThat(AchCorrection.of("C13", "")).isNull();
    }
}
