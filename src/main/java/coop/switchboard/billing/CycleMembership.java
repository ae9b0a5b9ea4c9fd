package coop.switchboard.billing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which accounts a bill run of a cycle bills: an account with a service started before the read date whose meter (the
 * one standing there now) is read on the cycle, or one with no meter on any of its services, at least one started
 * before the read date, whose account number puts it on the cycle (1 + number modulo the number of cycles). Of a
 * chosen account, the agreements started before the read date are billed.
 */
final class CycleMembership {
    private CycleMembership() {
    }

    /** The agreements billed and how many accounts they belong to. */
    record Chosen(List<ChunkReads.Agreement> agreements, int accounts) {
    }

    /**
     * Chooses among agreements in force on the read date, ordered by account; {@code meterCycles}: the cycle of the
     * meter standing on each service point that has one (null for a meter on no cycle).
     */
    static Chosen choose(List<ChunkReads.Agreement> inForce, Map<Long, Integer> meterCycles, LocalDate readDate, int cycle, int cycleCount) {
        List<ChunkReads.Agreement> chosen = new ArrayList<>(inForce.size());
        int accounts = 0;
        for (int i = 0, j; i < inForce.size(); i = j) {
            long account = inForce.get(i).accountId();
            boolean onCycle = false;
            boolean metered = false;
            boolean started = false;
            for (j = i; j < inForce.size() && inForce.get(j).accountId() == account; j++) {
                ChunkReads.Agreement a = inForce.get(j);
                boolean hasMeter = meterCycles.containsKey(a.servicePointId());
                Integer meterCycle = meterCycles.get(a.servicePointId());
                boolean before = a.start().isBefore(readDate);
                metered |= hasMeter;
                started |= before;
                onCycle |= before && meterCycle != null && meterCycle == cycle;
            }
            if (onCycle || (!metered && started && 1 + account % Math.max(1, cycleCount) == cycle)) {
                accounts++;
                for (int k = i; k < j; k++) {
                    if (inForce.get(k).start().isBefore(readDate)) {
                        chosen.add(inForce.get(k));
                    }
                }
            }
        }
        return new Chosen(chosen, accounts);
    }
}
