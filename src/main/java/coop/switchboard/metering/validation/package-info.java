/**
 * Meter-read validation and estimation (VEE) as pure logic: no database, no Spring, no clock.
 * {@link coop.switchboard.metering.validation.ReadValidator} runs the configurable rules
 * ({@link coop.switchboard.metering.validation.VeeSettings}) on an incoming read and returns
 * {@link coop.switchboard.metering.validation.Finding}s for the exceptions queue;
 * {@link coop.switchboard.metering.validation.UsageEstimator} estimates a period's usage from history.
 * Usage is always compared per day, so periods of different lengths are comparable.
 */
package coop.switchboard.metering.validation;
