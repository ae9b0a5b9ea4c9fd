package coop.switchboard.agreements;

import java.time.LocalDate;

/** An account × service point × rate schedule, from {@code startDate} until {@code endDate} (null while active). */
public record AgreementView(long id, long accountId, long servicePointId, String rateScheduleCode, LocalDate startDate,
                            LocalDate endDate) {
    public boolean active() {
        return endDate == null;
    }
}
