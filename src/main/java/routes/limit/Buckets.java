package routes.limit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * Makes the token bucket a key names, holding one limit: in this process (the embedded default) or
 * in Redis, shared by every instance (production). {@link ClientLimits} keeps what it made.
 */
@FunctionalInterface
interface Buckets {

    Bucket create(String key, Bandwidth limit);
}
