package coop.switchboard.premises;

import coop.switchboard.shared.ServiceType;

import java.math.BigDecimal;
import java.util.List;

/** A service location with its service points. {@code ownerMemberId} is the landlord of a rented premise. */
public record PremiseView(long id, PremiseType type, String line1, String line2, String city, String state, String zip,
                          BigDecimal latitude, BigDecimal longitude, String mapLocation, String feederId,
                          String transformerId, Long ownerMemberId, List<ServicePointView> servicePoints) {

    public enum PremiseType {
        RESIDENTIAL("Residential"), SMALL_COMMERCIAL("Small commercial"), LARGE_POWER("Large power"),
        IRRIGATION("Irrigation"), PUBLIC_LIGHTING("Public lighting");

        private final String label;

        PremiseType(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public String address() {
        return line1 + (line2 == null || line2.isBlank() ? "" : ", " + line2) + ", " + city + ", " + state + " " + zip;
    }

    /** A place on the premise where one service is delivered. */
    public record ServicePointView(long id, long premiseId, ServiceType serviceType, String label) {
    }
}
