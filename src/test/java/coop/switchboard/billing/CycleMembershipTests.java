package coop.switchboard.billing;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule a bill run's chunks choose their cycle's accounts by. */
class CycleMembershipTests {
    private static final LocalDate READ = LocalDate.of(2026, 11, 10);
    private static final LocalDate BEFORE = READ.minusYears(1);
    private static final LocalDate AFTER = READ.plusDays(5);

    private static ChunkReads.Agreement agreement(long id, long account, long point, LocalDate start, String service) {
        return new ChunkReads.Agreement(id, account, point, service.equals("FIBER") ? "FB" : "RS", start, service);
    }

    @Test
    void anAccountIsOnTheCycleOfAMeterOnOneOfItsStartedServicesAndBilledForTheStartedOnes() {
        Map<Long, Integer> meters = new HashMap<>(Map.of(10L, 3, 20L, 4, 30L, 3));
        List<ChunkReads.Agreement> inForce = List.of(
                agreement(1, 100, 10, BEFORE, "ELECTRIC"),  // on cycle 3
                agreement(2, 100, 40, BEFORE, "FIBER"),     // billed with it
                agreement(3, 100, 30, AFTER, "WATER"),      // not started yet: not billed
                agreement(4, 200, 20, BEFORE, "ELECTRIC"),  // cycle 4
                agreement(5, 300, 30, AFTER, "WATER"));     // on cycle 3 but not started: the account is not chosen
        CycleMembership.Chosen chosen = CycleMembership.choose(inForce, meters, READ, 3, 5);
        assertThat(chosen.accounts()).isEqualTo(1);
        assertThat(chosen.agreements()).extracting(ChunkReads.Agreement::id).containsExactly(1L, 2L);
    }

    @Test
    void anAccountWithNoMeterIsPlacedByItsNumberAndAMeterOnNoCycleKeepsItOffEveryCycle() {
        Map<Long, Integer> meters = new HashMap<>();
        meters.put(50L, null); // a meter on no cycle
        List<ChunkReads.Agreement> inForce = List.of(
                agreement(1, 12, 40, BEFORE, "FIBER"),     // 1 + 12 % 5 = 3
                agreement(2, 13, 41, BEFORE, "FIBER"),     // 1 + 13 % 5 = 4
                agreement(3, 17, 42, BEFORE, "FIBER"),     // 1 + 17 % 5 = 3, with a metered service on no cycle
                agreement(4, 17, 50, BEFORE, "ELECTRIC"),
                agreement(5, 22, 43, AFTER, "FIBER"));     // 1 + 22 % 5 = 3, not started
        CycleMembership.Chosen chosen = CycleMembership.choose(inForce, meters, READ, 3, 5);
        assertThat(chosen.accounts()).isEqualTo(1);
        assertThat(chosen.agreements()).extracting(ChunkReads.Agreement::accountId).containsExactly(12L);
    }
}
