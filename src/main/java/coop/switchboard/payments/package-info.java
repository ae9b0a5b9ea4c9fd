/**
 * Payments and cash: receipts for every tender (each posting call carries an idempotency key), allocation of a payment
 * to the account's open charges, reversals and returned payments, cash drawers, bank deposits, lockbox files and ACH
 * autopay. Money moves to the ledger in the caller's transaction. Publishes {@link coop.switchboard.payments.PaymentService},
 * {@link coop.switchboard.payments.DrawerService}, {@link coop.switchboard.payments.DepositService}, the lockbox import, ACH
 * autopay ({@link coop.switchboard.payments.AchService}, {@link coop.switchboard.payments.AchReturns}) and refunds.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"ledger", "members", "shared", "platform"})
package coop.switchboard.payments;
