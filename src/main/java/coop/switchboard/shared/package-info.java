/**
 * Value types every module speaks: service kinds, account-number check digits, and the small ports
 * (audit trail, sensitive-data protection, command-line commands) that the platform implements.
 * No Spring in here.
 */
package coop.switchboard.shared;
