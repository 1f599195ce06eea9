package routes.cap;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Production's counts, shared by every instance in Redis: a sorted set per key (members delivery
 * ids, scores the ms they were counted), trimmed to its window, added to only with a member it
 * lacks and expiring a window after its last count. Each check is one script, so a check and its
 * count are one atomic step; a fan-out batch's checks travel in one pipeline, one round trip.
 * Redis away, every delivery fits (fail-open, docs/reliability.md): caps spare users' patience, and
 * are not worth holding every notification for.
 */
final class RedisCapCounts implements CapCounts {

    private static final Logger log = LoggerFactory.getLogger(RedisCapCounts.class);

    // KEYS[1] the set; ARGV now (ms), window (ms), delivery id, max. 1: fits (counted now or before), 0: capped
    private static final byte[] TAKE = """
            local now = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            if redis.call('ZSCORE', KEYS[1], ARGV[3]) then
              return 1
            end
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then
              return 0
            end
            redis.call('ZADD', KEYS[1], now, ARGV[3])
            redis.call('PEXPIRE', KEYS[1], window)
            return 1""".getBytes(StandardCharsets.UTF_8);

    private final StringRedisTemplate redis;
    private final String prefix;

    RedisCapCounts(StringRedisTemplate redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    @Override
    public List<Boolean> take(List<Check> checks, Instant now) {
        byte[] at = bytes(Long.toString(now.toEpochMilli()));
        try {
            List<Object> answers = redis.executePipelined((RedisCallback<Object>) connection -> {
                for (Check check : checks) {
                    eval(connection, check, at);
                }
                return null;
            });
            List<Boolean> fits = new ArrayList<>(answers.size());
            answers.forEach(answer -> fits.add(Long.valueOf(1).equals(answer)));
            return fits;
        } catch (DataAccessException e) {
            log.warn("Could not count {} deliveries against their caps in Redis; sending them uncounted", checks.size(), e);
            return Collections.nCopies(checks.size(), true);
        }
    }

    private void eval(RedisConnection connection, Check check, byte[] at) {
        connection.scriptingCommands().eval(TAKE, ReturnType.INTEGER, 1, bytes(prefix + check.key()), at,
                bytes(Long.toString(check.window().toMillis())), bytes(check.deliveryId()),
                bytes(Integer.toString(check.max())));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
