package coop.switchboard.metering;

import java.util.List;

/**
 * How many read exceptions wait, per rule (in rule order, only rules with any): open ones, and those waiting for a
 * re-read.
 */
public record ExceptionCounts(List<RuleCount> rules, long open, long rereadRequested) {
    public ExceptionCounts {
        rules = List.copyOf(rules);
    }

    public long total() {
        return open + rereadRequested;
    }

    /** One rule's waiting exceptions, with its short label and its plain-English explanation. */
    public record RuleCount(String rule, String label, String explanation, long open, long rereadRequested) {
        public long total() {
            return open + rereadRequested;
        }
    }
}
