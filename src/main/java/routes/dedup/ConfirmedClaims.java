package routes.dedup;

import java.time.Duration;

/** Where the embedded default keeps the confirmed claims its memory loses on restart. */
public interface ConfirmedClaims {

    /** Whether a claim on this key was confirmed within the last {@code window}. */
    boolean confirmedWithin(String key, Duration window);

    /** Remembers that the claim on this key was confirmed. */
    void confirm(String key);
}
