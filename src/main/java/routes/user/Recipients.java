package routes.user;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Looks up who a user can be reached at, for fan-out. Cached because every notification needs it;
 * {@link UserStore} forgets an entry whenever that user's contacts, devices or preferences change,
 * and every other instance is told to forget it too (routes {@code announce-user-change} and
 * {@code cache-invalidation}).
 */
@Component("recipients")
public class Recipients {

    /** The header of an announcement that the user was erased. */
    public static final String ERASED = "notify.erased";

    private static final Logger log = LoggerFactory.getLogger(Recipients.class);

    private final JdbcClient db;
    private final Cache cache;
    private final ProducerTemplate camel;

    public Recipients(JdbcClient db, CacheManager caches, ProducerTemplate camel) {
        this.db = db;
        this.cache = caches.getCache("recipients");
        this.camel = camel;
    }

    public Recipient lookup(String userId) {
        return cache.get(userId, () -> load(userId));
    }

    /** Another instance changed this user: drop what this one cached. */
    public void evict(@Body String userId) {
        cache.evict(userId);
    }

    /**
     * This instance changed the user: drop the cached recipient here now, and everywhere once the
     * change is committed (announced earlier, another instance could reload the old rows).
     */
    void forget(String userId) {
        forget(userId, Map.of());
    }

    /**
     * This instance erased the user, and committed it: as {@link #forget}, and the announcement
     * carries {@value #ERASED}, which has every instance read the erased users again.
     */
    public void forgetErased(String userId) {
        forget(userId, Map.of(ERASED, "true"));
    }

    private void forget(String userId, Map<String, Object> headers) {
        cache.evict(userId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    announce(userId, headers);
                }
            });
        } else {
            announce(userId, headers);
        }
    }

    private void announce(String userId, Map<String, Object> headers) {
        try {
            camel.sendBodyAndHeaders("direct:user-changed", userId, headers);
        } catch (RuntimeException e) {
            // the change is committed; other instances' entries still expire (spring.cache.caffeine.spec),
            // and they read an erasure within seconds anyway (route erased-users)
            log.warn("Could not announce the change of user {} to other instances", userId, e);
        }
    }

    private Recipient load(String userId) {
        var contact = db.sql("select email, phone, timezone, locale from notify_user where user_id = ?")
                .param(userId)
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                .optional();
        if (contact.isEmpty()) {
            return Recipient.unknown(userId);
        }
        List<Recipient.Device> devices = db.sql(
                        "select device_id, platform, token from device where user_id = ? and active order by created_at")
                .param(userId)
                .query((rs, i) -> new Recipient.Device(rs.getString(1), Platform.of(rs.getString(2)), rs.getString(3)))
                .list();
        Preferences preferences = UserStore.preferencesOf(db, userId);
        String zone = contact.get()[2];
        return new Recipient(userId, true, contact.get()[0], contact.get()[1],
                zone == null ? ZoneOffset.UTC : ZoneId.of(zone), contact.get()[3], devices, preferences);
    }
}
