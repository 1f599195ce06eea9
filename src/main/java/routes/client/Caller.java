package routes.client;

import java.time.Instant;
import java.util.Set;

/**
 * The client behind a request, as its key authenticated it: what authorization reads its scopes
 * from, and what anything per client (limits, eventIds, audit) can hang off.
 */
public record Caller(String clientId, String name, Set<Scope> scopes, String keyId, Instant expiresAt) {

    /** The servlet request attribute authentication leaves the caller in, for the routes to read. */
    public static final String ATTRIBUTE = "notify.caller";

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    /**
     * The namespace of this client's eventIds: its own, so that two clients numbering their events
     * alike do not swallow each other's notifications; none (the shared one) for the configured client.
     */
    public String eventScope() {
        return Callers.CONFIGURED_CLIENT.equals(clientId) ? null : clientId;
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
