/**
 * Bill runs per cycle and period (restartable, idempotent per agreement and period, shared by several processes),
 * bills with their segments and lines, the bill checks that hold a bill for a person to look at, and posting issued
 * bills to the ledger. Publishes {@link coop.switchboard.billing.BillRunService} and
 * {@link coop.switchboard.billing.BillService}.
 */
package coop.switchboard.billing;
