package coop.switchboard.shared;

/**
 * Protects sensitive identity data at rest: authenticated encryption for storage and a keyed hash
 * (HMAC) for matching without decrypting. Implemented by the platform with a key kept outside the
 * database.
 */
public interface SensitiveData {

    byte[] encrypt(String plaintext);

    String decrypt(byte[] ciphertext);

    /** A keyed hash of the normalised value, stable across restarts, for equality matching. */
    byte[] matchHash(String normalised);
}
