/**
 * Service agreements: an account taking a service at a service point on a rate schedule from a start date to an end
 * date, and the moves that make and end them: move-in, move-out and transfer, each with its meter read (entered or
 * estimated). Publishes {@link coop.switchboard.agreements.AgreementService}, {@link coop.switchboard.agreements.MoveService}
 * and the events {@link coop.switchboard.agreements.ServiceStarted}, {@link coop.switchboard.agreements.ServiceStopped}
 * and {@link coop.switchboard.agreements.ServiceTransferred}.
 */
package coop.switchboard.agreements;
