/**
 * What every module runs on: the embedded PostgreSQL (or an external server), Flyway, the clock, staff
 * sign-in with roles and API tokens, the sensitive-data key, and the append-only audit trail.
 * Publishes {@link coop.switchboard.platform.StaffUsers}, {@link coop.switchboard.platform.ApiTokens},
 * {@link coop.switchboard.platform.AuditTrail} and {@link coop.switchboard.platform.Role}.
 */
package coop.switchboard.platform;
