package routes.dedup;

import org.apache.camel.spi.IdempotentRepository;

/**
 * An idempotent repository whose keys are first only leased, and kept for the dedup window once
 * confirmed. Camel's idempotent consumer adds a key before the request is made durable and
 * confirms it after; if the hub dies in between, the lease runs out and the client's retry with the
 * same key is accepted rather than swallowed.
 */
public interface LeasedIdempotentRepository extends IdempotentRepository {

    /** Whether the key's request was made durable; false while it is only leased (or unknown). */
    boolean isConfirmed(String key);
}
