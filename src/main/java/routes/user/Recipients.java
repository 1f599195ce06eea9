package routes.user;

import java.util.List;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Looks up who a user can be reached at, for fan-out. Cached because every notification needs it;
 * {@link UserStore} forgets an entry whenever that user's contacts, devices or preferences change.
 */
@Component("recipients")
public class Recipients {

    private final JdbcClient db;
    private final Cache cache;

    public Recipients(JdbcClient db, CacheManager caches) {
        this.db = db;
        this.cache = caches.getCache("recipients");
    }

    public Recipient lookup(String userId) {
        return cache.get(userId, () -> load(userId));
    }

    void forget(String userId) {
        cache.evict(userId);
    }

    private Recipient load(String userId) {
        var contact = db.sql("select email, phone from notify_user where user_id = ?")
                .param(userId)
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)})
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
        return new Recipient(userId, true, contact.get()[0], contact.get()[1], devices, preferences);
    }
}
