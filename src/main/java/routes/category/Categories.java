package routes.category;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
import routes.delivery.Channel;
import routes.notification.AcceptedNotification;
import routes.notification.Priority;

/**
 * The categories as intake and fan-out read them: cached on every instance, since every
 * notification asks. A change drops the entry here at once and, once committed, on every other
 * instance (routes {@code announce-category-change} and {@code cache-invalidation}).
 */
@Component("categories")
public class Categories {

    private static final Logger log = LoggerFactory.getLogger(Categories.class);
    private static final TypeReference<List<FrequencyCap>> CAPS = new TypeReference<>() {};
    private static final TypeReference<List<Channel>> CHANNELS = new TypeReference<>() {};

    private final JdbcClient db;
    private final Cache cache;
    private final ObjectMapper json;
    private final ProducerTemplate camel;

    public Categories(JdbcClient db, CacheManager caches, ObjectMapper json, ProducerTemplate camel) {
        this.db = db;
        this.cache = caches.getCache("categories");
        this.json = json;
        this.camel = camel;
    }

    /** The category of this name; one no one configured (or none, null) changes nothing. */
    public Category lookup(String name) {
        return name == null ? Category.unconfigured(null) : cache.get(name, () -> stored(name).orElseGet(() -> Category.unconfigured(name)));
    }

    /**
     * Fan-out's step: the channels and priority a notification named none of, its category's (else
     * every channel, high).
     */
    public List<AcceptedNotification> withDefaults(@Body List<AcceptedNotification> notifications) {
        return notifications.stream().map(notification -> {
            Category category = lookup(notification.category());
            Set<Channel> channels = category.defaultChannels().isEmpty()
                    ? EnumSet.allOf(Channel.class) : EnumSet.copyOf(category.defaultChannels());
            return notification.withDefaults(channels, category.priority() == null ? Priority.HIGH : category.priority());
        }).toList();
    }

    /** Another instance changed this category: drop what this one cached. */
    public void evict(@Body String name) {
        cache.evict(name);
    }

    /** This instance changed the category: dropped here now, and everywhere once the change is committed. */
    void forget(String name) {
        cache.evict(name);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    announce(name);
                }
            });
        } else {
            announce(name);
        }
    }

    private void announce(String name) {
        try {
            camel.sendBody("direct:category-changed", name);
        } catch (RuntimeException e) {
            // committed; other instances' entries still expire (spring.cache.caffeine.spec)
            log.warn("Could not announce the change of category {} to other instances", name, e);
        }
    }

    List<Category> all() {
        return db.sql("select name, priority, bypass_quiet_hours, caps, default_channels from category order by name")
                .query((rs, i) -> category(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                        rs.getString(5)))
                .list();
    }

    /** The category as stored, read from the database (not the cache). */
    Optional<Category> stored(String name) {
        return db.sql("select name, priority, bypass_quiet_hours, caps, default_channels from category where name = ?")
                .param(name)
                .query((rs, i) -> category(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                        rs.getString(5)))
                .optional();
    }

    private Category category(String name, String priority, boolean bypass, String caps, String channels) {
        try {
            return new Category(name, priority == null ? null : Priority.valueOf(priority), bypass,
                    json.readValue(caps, CAPS), json.readValue(channels, CHANNELS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("category " + name + " is stored unreadably", e);
        }
    }

    String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a category's column as JSON", e);
        }
    }
}
