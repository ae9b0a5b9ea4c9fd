package coop.switchboard.agreements;

import coop.switchboard.metering.InstalledMeterView;
import coop.switchboard.metering.ReadEstimates;
import coop.switchboard.metering.ReadView;
import coop.switchboard.metering.Register;

/**
 * The meter a move read is taken on, so the CSR can sanity-check the number the member gives: the meter, the register
 * read, its newest read (null when it has none) and what an estimate for the day would come to.
 */
public record MoveMeterView(InstalledMeterView meter, Register register, ReadView lastRead, ReadEstimates.ReadEstimate estimate) {
}
