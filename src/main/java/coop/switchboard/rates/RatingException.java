package coop.switchboard.rates;

/** A bill that cannot be rated from what was given, naming the component and what is missing. */
public class RatingException extends RuntimeException {
    private final String component;

    public RatingException(String component, String message) {
        super(component == null ? message : component + ": " + message);
        this.component = component;
    }

    public String component() {
        return component;
    }
}
