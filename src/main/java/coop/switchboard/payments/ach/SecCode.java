package coop.switchboard.payments.ach;

/**
 * Standard Entry Class codes: how an entry was authorized and so which rules apply to it. A utility originates PPD
 * (consumer autopay and refunds), CCD (business accounts) and WEB or TEL (one-time payments); it receives COR
 * (notifications of change) and returns in the SEC code of the entry returned.
 */
public enum SecCode {
    ACK, ADV, ARC, ATX, BOC, CCD, CIE, COR, CTX, DNE, ENR, IAT, MTE, POP, POS, PPD, RCK, SHR, TEL, TRC, TRX, WEB, XCK;

    /** The code named by three letters, or null when NACHA defines no such code. */
    static SecCode find(String letters) {
        for (SecCode code : values()) {
            if (code.name().equals(letters)) {
                return code;
            }
        }
        return null;
    }
}
