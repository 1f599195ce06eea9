package routes.dedup;

import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * Where the embedded default finds, when it starts with an empty memory, the keys whose request was
 * made durable earlier: the notifications fan-out recorded.
 */
public interface ConfirmedClaims {

    /** Each key recorded after {@code since}, newest first, at most {@code limit}, with when it was recorded. */
    void forEachSince(Instant since, long limit, BiConsumer<String, Instant> claim);
}
