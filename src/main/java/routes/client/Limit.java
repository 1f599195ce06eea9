package routes.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
/**
 * How many of something a client may do per second, or no limit. The API and the configuration
 * say a whole number from 1 to {@value #MAX} or {@code "unlimited"}; the database keeps unlimited
 * as 0. Zero is not a limit a client can be given: a client that may not call has no key.
 */
public record Limit(long perSecond) {

    static final long MAX = 1_000_000;
    private static final String UNLIMITED_WIRE = "unlimited";
    private static final String EXPECTED = "must be a whole number from 1 to " + MAX + " (per second), or \""
            + UNLIMITED_WIRE + "\"";

    public static final Limit UNLIMITED = new Limit(0);

    public Limit {
        if (perSecond < 0 || perSecond > MAX) {
            throw new IllegalArgumentException(EXPECTED);
        }
    }

    public boolean unlimited() {
        return perSecond == 0;
    }

    /** A limit as a request body gives it: a JSON number or the text "unlimited". */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Limit of(Object value) {
        if (UNLIMITED_WIRE.equals(value)) {
            return UNLIMITED;
        }
        // Jackson reads a whole number that fits a long as Integer or Long, a larger one as BigInteger
        if (value instanceof Integer || value instanceof Long) {
            return positive(((Number) value).longValue());
        }
        throw new IllegalArgumentException(EXPECTED);
    }

    /** A limit as the configuration gives it ({@code notify.clients.default-limits.*}). */
    public static Limit valueOf(String text) {
        if (UNLIMITED_WIRE.equals(text.strip())) {
            return UNLIMITED;
        }
        try {
            return positive(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(EXPECTED, e);
        }
    }

    private static Limit positive(long perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException(EXPECTED);
        }
        return new Limit(perSecond);
    }

    @JsonValue
    public Object wire() {
        return unlimited() ? UNLIMITED_WIRE : perSecond;
    }
}
