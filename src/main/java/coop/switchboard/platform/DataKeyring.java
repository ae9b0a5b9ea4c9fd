package coop.switchboard.platform;

import coop.switchboard.shared.SensitiveData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Sensitive fields are sealed with AES-256-GCM and matched with HMAC-SHA256, both keyed from one master key kept
 * outside the database: {@code switchboard.data-key} (base64, 32 bytes; env {@code SWITCHBOARD_DATA_KEY}) or, when
 * unset, {@code <data-dir>/keys/data.key}, created on first start with owner-only permissions. A database dump alone
 * therefore reveals no tax id.
 */
@Component
class DataKeyring implements SensitiveData {
    private static final Logger log = LoggerFactory.getLogger(DataKeyring.class);
    private static final byte FORMAT_V1 = 1;
    private static final int IV_BYTES = 12;
    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec matchKey;

    DataKeyring(Environment env) {
        byte[] master = masterKey(env);
        this.encryptionKey = new SecretKeySpec(derive(master, "switchboard/encrypt/v1"), "AES");
        this.matchKey = new SecretKeySpec(derive(master, "switchboard/match/v1"), "HmacSHA256");
        Arrays.fill(master, (byte) 0);
    }

    @Override
    public byte[] encrypt(String plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[1 + IV_BYTES + sealed.length];
            out[0] = FORMAT_V1;
            System.arraycopy(iv, 0, out, 1, IV_BYTES);
            System.arraycopy(sealed, 0, out, 1 + IV_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    @Override
    public String decrypt(byte[] ciphertext) {
        if (ciphertext == null) {
            return null;
        }
        if (ciphertext.length < 1 + IV_BYTES || ciphertext[0] != FORMAT_V1) {
            throw new IllegalStateException("unknown sealed-value format");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(128, ciphertext, 1, IV_BYTES));
            byte[] plain = cipher.doFinal(ciphertext, 1 + IV_BYTES, ciphertext.length - 1 - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed: is switchboard.data-key the key this database was written with?", e);
        }
    }

    @Override
    public byte[] matchHash(String normalised) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(matchKey);
            return mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("hashing failed", e);
        }
    }

    private static byte[] derive(byte[] master, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] masterKey(Environment env) {
        String configured = env.getProperty("switchboard.data-key");
        if (configured != null && !configured.isBlank()) {
            byte[] key = Base64.getDecoder().decode(configured.trim());
            if (key.length != 32) {
                throw new IllegalStateException("switchboard.data-key must be 32 bytes, base64-encoded (openssl rand -base64 32)");
            }
            return key;
        }
        Path file = new DataDirectory(env).keys().resolve("data.key");
        try {
            if (Files.exists(file)) {
                byte[] key = Base64.getDecoder().decode(Files.readString(file).trim());
                if (key.length != 32) {
                    throw new IllegalStateException(file + " does not hold a 32-byte key");
                }
                return key;
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            random.nextBytes(key);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file); // not a POSIX file system; the directory's own protection applies
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
            log.info("Created a new data key in {}; back it up with the database", file.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the data key " + file, e);
        }
    }
}
