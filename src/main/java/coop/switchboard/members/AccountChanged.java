package coop.switchboard.members;

/** Something about an account or its member that others index or show has changed. */
public record AccountChanged(long accountId) {
}
