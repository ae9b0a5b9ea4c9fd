package coop.switchboard.members;

import java.time.Instant;

/** A call, email, walk-in, letter or note on an account. */
public record InteractionView(long id, long accountId, Kind kind, String category, String body, String createdBy,
                              Instant createdAt) {

    public enum Kind {
        CALL("Call"), EMAIL("Email"), WALK_IN("Walk-in"), LETTER("Letter"), NOTE("Note");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
