package routes.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The keys the hub issues: {@value #PREFIX} and 256 random bits in base64url, so that a leaked key
 * is recognisable (secret scanners, logs) and cannot be guessed. Only a key's SHA-256 is stored:
 * a salted slow hash would only matter for keys a person chose, and would cost every request.
 */
public final class ApiKey {

    public static final String PREFIX = "nh_live_";
    /** How much of a key listings show, enough to tell two keys apart and nothing to use. */
    static final int SHOWN_LENGTH = PREFIX.length() + 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKey() {}

    public static String generate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The hex SHA-256 of the key as presented: what the database and the cache know it by. */
    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Whether the key could be one the hub issued; any other is refused without a database read. */
    public static boolean isIssuedForm(String key) {
        return key.startsWith(PREFIX) && key.length() == PREFIX.length() + 43;
    }

    public static String shown(String key) {
        return key.substring(0, SHOWN_LENGTH) + "...";
    }
}
