package routes.client;

import java.time.Instant;
import java.util.Set;

/**
 * The client behind a request, as its key authenticated it: what authorization reads its scopes
 * from, and what anything per client (limits, eventIds, audit) can hang off.
 */
public record Caller(String clientId, String name, Set<Scope> scopes, String keyId, Instant expiresAt) {

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
