package coop.switchboard.shared;

/** The thing asked for does not exist (a 404 on the API, a friendly page on the console). */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String what, Object id) {
        super(what + " " + id + " was not found");
    }
}
