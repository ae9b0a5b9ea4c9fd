/**
 * NACHA ACH files, written by hand: the strict reader, the writer and builder, return and NOC reading, ABA routing
 * check digits. Exposed to other modules (the console's enrollment form, the demo) as the {@code ach} interface.
 */
@org.springframework.modulith.NamedInterface("ach")
package coop.switchboard.payments.ach;
