package coop.switchboard.metering.validation;

/**
 * One rule a read failed, with a message that carries the numbers, e.g. "1,840 kWh over 30 days is 312% of the same
 * period last year (590 kWh over 30 days read on 2025-02-14), compared per day; the residential limit is 200%".
 */
public record Finding(Rule rule, String message) {
    public Finding {
        if (rule == null || message == null || message.isBlank()) {
            throw new IllegalArgumentException("a finding needs a rule and a message");
        }
    }
}
