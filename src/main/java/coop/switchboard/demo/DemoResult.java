package coop.switchboard.demo;

/** What a demo load wrote: counts of the main records (meters include removed ones) and how long it took. */
public record DemoResult(int members, int accounts, int premises, int meters, long millis) {
}
