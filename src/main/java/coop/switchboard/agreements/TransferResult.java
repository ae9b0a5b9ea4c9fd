package coop.switchboard.agreements;

/** What a transfer did: the stop at the old service point and the start at the new one. */
public record TransferResult(MoveResult stopped, MoveResult started, boolean moveBalance) {
}
