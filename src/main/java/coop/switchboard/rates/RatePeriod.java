package coop.switchboard.rates;

import java.util.List;

/**
 * A season or time-of-use period of a usage or demand component, with its blocks (one block for a flat rate).
 * Which hours and months belong to it is said by the component's {@link HourSchedule}.
 */
public record RatePeriod(String name, List<Block> blocks) {
    public RatePeriod {
        blocks = List.copyOf(blocks);
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("a period needs at least one block");
        }
    }
}
