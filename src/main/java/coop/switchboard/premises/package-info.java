/**
 * Premises (service locations on the map and the electric network: feeder and transformer) and the service points
 * on them where electric, water or fiber service is delivered. Publishes {@link coop.switchboard.premises.PremiseService}.
 */
package coop.switchboard.premises;
