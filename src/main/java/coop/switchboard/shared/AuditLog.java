package coop.switchboard.shared;

import java.util.Map;

/**
 * The append-only audit trail: every change (before and after) and every reveal of a sensitive field.
 * Implemented by the platform; domain modules record through this port inside their own transaction,
 * so an audit record exists exactly when the change it describes was committed.
 */
public interface AuditLog {

    /** Records a change to an entity; {@code accountId} may be null when the entity is not tied to an account. */
    void changed(String entityType, long entityId, Long accountId, String action,
                 Map<String, ?> before, Map<String, ?> after);

    /** Records that the current user revealed a sensitive field. */
    void revealed(String entityType, long entityId, Long accountId, String field);

    /** The signed-in user (or command) on whose behalf work is done. */
    String currentActor();
}
