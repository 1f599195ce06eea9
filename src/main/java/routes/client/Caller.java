package routes.client;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * The client behind a request, as its key authenticated it: what authorization reads its scopes
 * from, and what anything per client (limits, eventIds, audit) can hang off. Its limits are those
 * that apply, the configured defaults filled in.
 */
public record Caller(String clientId, String name, Set<Scope> scopes, String keyId, Instant expiresAt,
        Limits limits) {

    /** The servlet request attribute authentication leaves the caller in, for the routes to read. */
    public static final String ATTRIBUTE = "notify.caller";

    /**
     * The caller of the HTTP request an exchange came in on (the routes run on another thread than
     * authentication, so they read it from the request); null for an exchange without one, such as
     * a record on notify.requests.
     */
    public static Caller of(Exchange exchange) {
        HttpServletRequest request = exchange.getMessage().getHeader(Exchange.HTTP_SERVLET_REQUEST,
                HttpServletRequest.class);
        return request == null ? null : (Caller) request.getAttribute(ATTRIBUTE);
    }

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
