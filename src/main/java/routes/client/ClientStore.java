package routes.client;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import routes.api.ApiProblem;
import routes.api.ApiProblem.FieldError;
import routes.api.PlainText;
import routes.api.StrictJson;
import routes.audit.AuditLog;
import routes.audit.AuditLog.Action;

/**
 * The clients of the admin API, their limits and their keys. A key's secret is answered once, when
 * it is issued; afterwards only its id and first characters are shown. Revoking a key, deleting a
 * client or changing its limits takes effect here at once and on other instances within
 * {@code notify.clients.key-cache-ttl}. Each change commits with its audit entry, or neither does.
 */
@Component("clients")
public class ClientStore {

    /** Body of {@code POST /admin/clients}; limits left out follow the configured defaults. */
    public record NewClient(String name, List<Scope> scopes, Limits limits) {}

    /** Body of {@code POST /admin/clients/{clientId}/keys}: an optional expiry, as RFC 3339 text. */
    public record NewKey(String expiresAt) {}

    /** {@code limits}: the client's own (one left out follows the default); {@code effectiveLimits}: what applies. */
    public record ClientView(String clientId, String name, Set<Scope> scopes, Limits limits, Limits effectiveLimits,
            OffsetDateTime createdAt) {}

    public record Listing(int count, List<ClientView> clients) {}

    public record IssuedKey(String keyId, String key, String shown, OffsetDateTime createdAt, OffsetDateTime expiresAt) {}

    public record KeyView(String keyId, String shown, OffsetDateTime createdAt, OffsetDateTime expiresAt) {}

    public record Keys(int count, List<KeyView> keys) {}

    private final JdbcClient db;
    private final Callers callers;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final RowMapper<ClientView> client;

    public ClientStore(JdbcClient db, Callers callers, AuditLog audit, TransactionTemplate tx,
            ClientSettings settings) {
        this.db = db;
        this.callers = callers;
        this.audit = audit;
        this.tx = tx;
        Limits defaults = settings.clients().defaultLimits();
        this.client = (rs, i) -> {
            Limits own = Callers.limits(rs, 4);
            return new ClientView(rs.getString(1), rs.getString(2), Callers.scopes(rs.getString(3)), own,
                    own.orElse(defaults), rs.getObject(6, OffsetDateTime.class));
        };
    }

    public ClientView create(@Body String json, Exchange exchange) {
        NewClient request = StrictJson.read(json, NewClient.class);
        List<FieldError> errors = new ArrayList<>();
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            errors.add(new FieldError("name", "is required, at most 200 characters"));
        }
        PlainText.checkIdentifier("name", request.name(), errors);
        if (request.scopes() == null || request.scopes().isEmpty() || request.scopes().contains(null)) {
            errors.add(new FieldError("scopes", "is required: one or more of send, users:read, users:write, "
                    + "templates, admin"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        String clientId = UUID.randomUUID().toString();
        Limits limits = request.limits() == null ? new Limits(null, null) : request.limits();
        tx.executeWithoutResult(status -> {
            db.sql("insert into api_client (client_id, name, scopes, requests_per_second, deliveries_per_second, "
                            + "created_at) values (?, ?, ?, ?, ?, ?)")
                    .params(clientId, request.name(), stored(EnumSet.copyOf(request.scopes())),
                            stored(limits.requestsPerSecond()), stored(limits.deliveriesPerSecond()), now())
                    .update();
            audit.record(exchange, Action.CLIENT_CREATED, clientId);
        });
        return find(clientId);
    }

    private static final String CLIENT_COLUMNS =
            "select client_id, name, scopes, requests_per_second, deliveries_per_second, created_at from api_client";

    public Listing list() {
        List<ClientView> clients = db.sql(CLIENT_COLUMNS + " order by created_at").query(client).list();
        return new Listing(clients.size(), clients);
    }

    public ClientView find(@Header("clientId") String clientId) {
        return db.sql(CLIENT_COLUMNS + " where client_id = ?")
                .param(clientId)
                .query(client)
                .optional()
                .orElseThrow(() -> ApiProblem.notFound("No client '" + clientId + "'"));
    }

    /**
     * Replaces the client's own limits ({@code PUT /admin/clients/{clientId}/limits}): each one left
     * out follows the default again. This instance applies them to the next request; others when
     * they read the client's keys again.
     */
    public ClientView setLimits(@Header("clientId") String clientId, @Body String json, Exchange exchange) {
        Limits limits = StrictJson.read(json, Limits.class);
        List<String> hashes = keyHashes(clientId);
        tx.executeWithoutResult(status -> {
            if (db.sql("update api_client set requests_per_second = ?, deliveries_per_second = ? where client_id = ?")
                    .params(stored(limits.requestsPerSecond()), stored(limits.deliveriesPerSecond()), clientId)
                    .update() == 0) {
                throw ApiProblem.notFound("No client '" + clientId + "'");
            }
            audit.record(exchange, Action.CLIENT_LIMITS_CHANGED, clientId);
        });
        callers.forget(hashes);
        return find(clientId);
    }

    private List<String> keyHashes(String clientId) {
        return db.sql("select key_hash from api_key where client_id = ?").param(clientId).query(String.class).list();
    }

    /** Deletes the client with its keys (cascade), committed before this instance forgets them. */
    public void delete(@Header("clientId") String clientId, Exchange exchange) {
        List<String> hashes = keyHashes(clientId);
        tx.executeWithoutResult(status -> {
            if (db.sql("delete from api_client where client_id = ?").param(clientId).update() == 0) {
                throw ApiProblem.notFound("No client '" + clientId + "'");
            }
            audit.record(exchange, Action.CLIENT_DELETED, clientId);
        });
        callers.forget(hashes);
    }

    public IssuedKey issueKey(@Header("clientId") String clientId, @Body String json, Exchange exchange) {
        find(clientId);
        // an empty body asks for a key that never expires
        OffsetDateTime expiresAt = json == null || json.isBlank() ? null : expiry(StrictJson.read(json, NewKey.class));
        OffsetDateTime now = now();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ApiProblem.invalid("expiresAt", "must be in the future");
        }
        String key = ApiKey.generate();
        var issued = new IssuedKey(UUID.randomUUID().toString(), key, ApiKey.shown(key), now, expiresAt);
        tx.executeWithoutResult(status -> {
            db.sql("insert into api_key (key_id, client_id, key_hash, shown, created_at, expires_at) "
                            + "values (?, ?, ?, ?, ?, ?)")
                    .params(issued.keyId(), clientId, ApiKey.hash(key), issued.shown(), now, expiresAt)
                    .update();
            audit.record(exchange, Action.KEY_ISSUED, issued.keyId());
        });
        return issued;
    }

    public Keys keys(@Header("clientId") String clientId) {
        find(clientId);
        List<KeyView> keys = db.sql("select key_id, shown, created_at, expires_at from api_key where client_id = ? "
                        + "order by created_at")
                .param(clientId)
                .query((rs, i) -> new KeyView(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                        rs.getObject(4, OffsetDateTime.class)))
                .list();
        return new Keys(keys.size(), keys);
    }

    public void revokeKey(@Header("clientId") String clientId, @Header("keyId") String keyId, Exchange exchange) {
        List<String> hashes = db.sql("select key_hash from api_key where client_id = ? and key_id = ?")
                .params(clientId, keyId).query(String.class).list();
        tx.executeWithoutResult(status -> {
            if (db.sql("delete from api_key where client_id = ? and key_id = ?").params(clientId, keyId).update() == 0) {
                throw ApiProblem.notFound("No key '" + keyId + "' for client '" + clientId + "'");
            }
            audit.record(exchange, Action.KEY_REVOKED, keyId);
        });
        callers.forget(hashes);
    }

    private static OffsetDateTime expiry(NewKey request) {
        try {
            return request.expiresAt() == null ? null : OffsetDateTime.parse(request.expiresAt());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid("expiresAt", "must be a time with its offset, e.g. 2030-01-31T12:00:00Z");
        }
    }

    private static String stored(Set<Scope> scopes) {
        return scopes.stream().map(Scope::wire).collect(Collectors.joining(" "));
    }

    private static Long stored(Limit limit) {
        return limit == null ? null : limit.perSecond();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
