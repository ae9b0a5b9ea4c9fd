/**
 * Bill runs per cycle and period (restartable, idempotent per agreement and period, shared by several processes),
 * bills with their segments and lines, the bill checks that hold a bill for a person to look at, and posting issued
 * bills to the ledger. Publishes {@link coop.switchboard.billing.BillRunService} and
 * {@link coop.switchboard.billing.BillService}, {@link coop.switchboard.billing.BillDocumentService} (bills as HTML, PDF,
 * print extract and e-mail), {@link coop.switchboard.billing.AdjustmentService}, {@link coop.switchboard.billing.BudgetPlanService}
 * and {@link coop.switchboard.billing.FinalBillService}, and the event {@link coop.switchboard.billing.BillRunCompleted}.
 */
package coop.switchboard.billing;
