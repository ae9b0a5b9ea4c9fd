/**
 * Finds any account as the CSR types: by name, account number, phone, e-mail, service address or meter number,
 * tolerating typos and partial input. Owns a read model ({@code search.account_entry}) built from the members,
 * premises, metering and agreements tables and refreshed when an account changes. Publishes
 * {@link coop.switchboard.search.AccountSearch}.
 */
package coop.switchboard.search;
