/**
 * Meters and their installation history on service points (reads, intervals, VEE and cycles arrive with the metering
 * issue). Publishes {@link coop.switchboard.metering.MeterService}.
 */
package coop.switchboard.metering;
