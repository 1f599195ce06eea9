package routes.dedup;

import java.time.Duration;
import java.util.function.Supplier;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Production's repository, shared by every instance through Redis: one string key per eventId,
 * each with its own expiry, so memory stays bounded by what arrived within the dedup window. A
 * claim is {@code SET key 0 NX PX lease}; confirming it is {@code SET key 1 XX PX ttl}.
 *
 * <p>Camel's {@code SpringRedisStringIdempotentRepository} has no confirm step (and stores the key
 * again as its value), so it cannot tell a lease from a remembered eventId.
 */
public class RedisLeasedIdempotentRepository extends ServiceSupport implements LeasedIdempotentRepository {

    private static final Logger log = LoggerFactory.getLogger(RedisLeasedIdempotentRepository.class);
    private static final String LEASED = "0";
    private static final String CONFIRMED = "1";

    private final StringRedisTemplate redis;
    private final String prefix;
    private final Duration lease;
    private final Duration ttl;

    public RedisLeasedIdempotentRepository(StringRedisTemplate redis, String prefix, Duration lease, Duration ttl) {
        this.redis = redis;
        this.prefix = prefix;
        this.lease = lease;
        this.ttl = ttl;
    }

    @Override
    public boolean add(String key) {
        return Boolean.TRUE.equals(call(() -> redis.opsForValue().setIfAbsent(prefix + key, LEASED, lease)));
    }

    /**
     * The request is durable already: if Redis fails now, the claim runs out with its lease and
     * the client, answered 202, has no reason to retry; failing here would invite that retry.
     */
    @Override
    public boolean confirm(String key) {
        try {
            return Boolean.TRUE.equals(redis.opsForValue().setIfPresent(prefix + key, CONFIRMED, ttl));
        } catch (DataAccessException e) {
            log.warn("Could not confirm eventId {} in Redis; it is remembered only for its lease", key, e);
            return false;
        }
    }

    @Override
    public boolean contains(String key) {
        return Boolean.TRUE.equals(call(() -> redis.hasKey(prefix + key)));
    }

    @Override
    public boolean isConfirmed(String key) {
        return CONFIRMED.equals(call(() -> redis.opsForValue().get(prefix + key)));
    }

    @Override
    public boolean remove(String key) {
        return Boolean.TRUE.equals(call(() -> redis.delete(prefix + key)));
    }

    /** Forgets every eventId under this prefix (SCAN, so Redis is never blocked by KEYS). */
    @Override
    public void clear() {
        call(() -> {
            try (Cursor<String> keys = redis.scan(ScanOptions.scanOptions().match(prefix + "*").count(1000).build())) {
                keys.forEachRemaining(redis::delete);
            }
            return null;
        });
    }

    private static <T> T call(Supplier<T> command) {
        try {
            return command.get();
        } catch (DataAccessException e) {
            throw new DedupUnavailable(e);
        }
    }
}
