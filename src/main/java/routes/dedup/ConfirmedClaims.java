package routes.dedup;

import java.time.Duration;

/**
 * Where the embedded default finds, after a restart has emptied its memory, the keys whose
 * request was made durable earlier: the notifications fan-out recorded.
 */
public interface ConfirmedClaims {

    /** Whether the request with this key was recorded within the last {@code window}. */
    boolean confirmedWithin(String key, Duration window);
}
