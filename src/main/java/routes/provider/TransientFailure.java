package routes.provider;

import java.time.Duration;

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
}
