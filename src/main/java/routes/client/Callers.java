package routes.client;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who a presented key belongs to. The keys of {@code notify.api-keys} make the configured client,
 * in memory with every scope; issued keys are read from the database once, with their client's
 * scopes and limits, and then kept in memory by hash, so a request costs one SHA-256 and a map
 * lookup. A kept key is read again in the background every half {@code key-cache-ttl} while it is
 * used, and dropped after the full ttl: a key revoked (or a client's limits changed) on another
 * instance takes effect here within the ttl, and on this one at once.
 * Only the embedded default may run without configured keys, and then it says loudly that it
 * uses the well-known development key.
 */
@Component
public class Callers {

    public static final String CONFIGURED_CLIENT = "configured";
    static final String DEVELOPMENT_KEY = "dev-secret-key";
    private static final Logger log = LoggerFactory.getLogger(Callers.class);

    private final JdbcClient db;
    private final Limits defaultLimits;
    private final Map<String, Caller> configured;
    private final LoadingCache<String, Caller> issued;

    public Callers(JdbcClient db, ClientSettings settings, Environment environment) {
        this.db = db;
        this.defaultLimits = settings.clients().defaultLimits();
        Caller configuredClient = new Caller(CONFIGURED_CLIENT, "notify.api-keys", EnumSet.allOf(Scope.class), null,
                null, settings.clients().configuredLimits());
        this.configured = configuredKeys(settings, environment).stream()
                .collect(Collectors.toUnmodifiableMap(ApiKey::hash, key -> configuredClient, (a, b) -> a));
        var ttl = settings.clients().keyCacheTtl();
        this.issued = Caffeine.newBuilder()
                .maximumSize(100_000)
                .refreshAfterWrite(ttl.dividedBy(2))
                .expireAfterWrite(ttl)
                .build(this::load);
    }

    private static List<String> configuredKeys(ClientSettings settings, Environment environment) {
        List<String> usable = settings.apiKeys().stream().map(String::strip).filter(k -> !k.isEmpty()).toList();
        if (usable.isEmpty()) {
            if (!environment.acceptsProfiles(Profiles.of("default"))) {
                throw new IllegalStateException(
                        "notify.api-keys is empty: set NOTIFY_API_KEYS (comma-separated) outside the embedded default");
            }
            log.warn("notify.api-keys is not set: the embedded default accepts the development key '{}'. "
                    + "Never expose this instance.", DEVELOPMENT_KEY);
            return List.of(DEVELOPMENT_KEY);
        }
        return usable;
    }

    /**
     * The caller of the HTTP request an exchange came in on ({@link Caller#of}), for a route's step:
     * a step naming Caller by its type would ask the registry for a Caller bean on every request.
     */
    public Caller ofRequest(Exchange exchange) {
        return Caller.of(exchange);
    }

    /** The caller a key belongs to, expired or not; empty for a key nobody holds (or revoked). */
    public Optional<Caller> of(String presented) {
        String hash = ApiKey.hash(presented);
        Caller caller = configured.get(hash);
        if (caller != null || !ApiKey.isIssuedForm(presented)) {
            return Optional.ofNullable(caller);
        }
        return Optional.ofNullable(issued.get(hash));
    }

    /** Keys revoked on this instance stop working here at once. */
    void forget(Collection<String> hashes) {
        issued.invalidateAll(hashes);
    }

    private Caller load(String hash) {
        return db.sql("select k.key_id, k.expires_at, c.client_id, c.name, c.scopes, c.requests_per_second, "
                        + "c.deliveries_per_second "
                        + "from api_key k join api_client c on c.client_id = k.client_id where k.key_hash = ?")
                .param(hash)
                .query((rs, i) -> new Caller(rs.getString(3), rs.getString(4), scopes(rs.getString(5)),
                        rs.getString(1), Optional.ofNullable(rs.getTimestamp(2)).map(Timestamp::toInstant).orElse(null),
                        limits(rs, 6).orElse(defaultLimits)))
                .optional().orElse(null);
    }

    /** A client's own limits, stored from column {@code first} on: null follows the default, 0 is unlimited. */
    static Limits limits(ResultSet rs, int first) throws SQLException {
        return new Limits(limit(rs.getObject(first, Long.class)), limit(rs.getObject(first + 1, Long.class)));
    }

    private static Limit limit(Long stored) {
        return stored == null ? null : new Limit(stored);
    }

    static EnumSet<Scope> scopes(String stored) {
        return Arrays.stream(stored.split(" ")).map(Scope::of)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Scope.class)));
    }
}
