package routes.provider;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The provider could not take the delivery now (overloaded, down, unreachable); later it may. */
public class TransientFailure extends RuntimeException {

    private final String reason;
    private final Duration retryAfter;

    public TransientFailure(String reason, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public String reason() {
        return reason;
    }

    /** What the provider asked us to wait, if it said; null otherwise. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** An HTTP Retry-After value, in seconds or as an HTTP date; null when absent or unreadable. */
    public static Duration retryAfterHeader(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
