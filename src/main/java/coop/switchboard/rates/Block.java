package coop.switchboard.rates;

import coop.switchboard.shared.UnitPrice;

import java.math.BigDecimal;

/** One step of a block (tier) structure: usage up to {@code upTo} (cumulative; null for the last block) at a price. */
public record Block(BigDecimal upTo, UnitPrice price) {
    public Block {
        if (price == null) {
            throw new IllegalArgumentException("a block needs a price");
        }
    }
}
