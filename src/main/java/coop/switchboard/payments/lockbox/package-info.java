/**
 * Lockbox and remittance files: BAI2, the fixed-width BAI lockbox transmission and Switchboard's CSV, read with every
 * control total checked, and written (for tests and the benchmark). Exposed to other modules as the {@code lockbox}
 * interface.
 */
@org.springframework.modulith.NamedInterface("lockbox")
package coop.switchboard.payments.lockbox;
