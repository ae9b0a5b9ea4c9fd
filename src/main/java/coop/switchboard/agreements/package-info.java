/**
 * Service agreements: an account taking a service at a service point on a rate schedule from a start date to an end
 * date. Move-in, move-out and transfer arrive with the billing issue. Publishes {@link coop.switchboard.agreements.AgreementService}.
 */
package coop.switchboard.agreements;
