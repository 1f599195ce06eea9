package routes.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import routes.client.Caller;
import routes.client.Callers;

/**
 * Who changed what the hub trusts, resends or says (clients and their limits, keys, dead-letter
 * replays, the categories that shape every client's deliveries, templates) or erased a user, when
 * and from where. The store that performs an action records it in the
 * action's own transaction: an action that failed is not recorded. "From where" is the request's
 * remote address, which is the proxy's unless {@code server.forward-headers-strategy} is set to
 * trust its X-Forwarded-For.
 */
@Component("audit")
public class AuditLog {

    public enum Action {
        CLIENT_CREATED("client.created"),
        CLIENT_DELETED("client.deleted"),
        CLIENT_LIMITS_CHANGED("client.limits-changed"),
        KEY_ISSUED("key.issued"),
        KEY_REVOKED("key.revoked"),
        DEAD_LETTER_REPLAYED("dead-letter.replayed"),
        USER_ERASED("user.erased"),
        CATEGORY_SAVED("category.saved"),
        TEMPLATE_SAVED("template.saved"),
        TEMPLATE_RETIRED("template.retired");

        private final String wire;

        Action(String wire) {
            this.wire = wire;
        }
    }

    public record Entry(long auditId, OffsetDateTime at, String clientId, String keyId, String action, String target,
            String from) {}

    /** A page, newest first; {@code next} is the {@code before} of the page after it, null on the last. */
    public record Listing(int count, List<Entry> entries, Long next) {}

    private final JdbcClient db;

    public AuditLog(JdbcClient db) {
        this.db = db;
    }

    /** Records the action of the request {@code exchange} carries; call it within the action's transaction. */
    public void record(Exchange exchange, Action action, String target) {
        Caller caller = Caller.of(exchange);
        if (caller == null) {
            throw new IllegalStateException("an audited action needs the authenticated request behind it");
        }
        // the configured client's keys are not stored and have no id
        String keyId = caller.keyId() == null ? Callers.CONFIGURED_CLIENT : caller.keyId();
        db.sql("insert into audit_entry (client_id, key_id, action, target, remote_address, recorded_at) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(caller.clientId(), keyId, action.wire, target,
                        exchange.getMessage().getHeader(Exchange.HTTP_SERVLET_REQUEST, HttpServletRequest.class)
                                .getRemoteAddr(),
                        OffsetDateTime.now(ZoneOffset.UTC))
                .update();
    }

    public Listing list(@Header("limit") String limit, @Header("before") String before) {
        AuditQuery query = AuditQuery.parse(limit, before);
        List<Entry> entries = db.sql("""
                select audit_id, recorded_at, client_id, key_id, action, target, remote_address
                from audit_entry
                where cast(:before as bigint) is null or audit_id < :before
                order by audit_id desc
                limit :limit""")
                .param("before", query.before())
                .param("limit", query.limit())
                .query((rs, row) -> new Entry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
        Long next = entries.size() < query.limit() ? null : entries.get(entries.size() - 1).auditId();
        return new Listing(entries.size(), entries, next);
    }
}
