package routes.limit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.RedisApi;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Production's buckets, shared by every instance in Redis: Bucket4j reads a bucket's state and
 * writes it back with a compare-and-swap script, so a check is a GET and an EVAL. It talks over
 * Spring's shared Lettuce connection, the one dedup uses: nothing connects at startup, and each
 * check meets Redis as Spring's connection finds it. Concurrent checks of one bucket on one
 * instance go to Redis as one (Bucket4j's batching). A key lives until its bucket would be full
 * again, as a full bucket and none are the same.
 */
final class RedisBuckets implements Buckets {

    private final ProxyManager<String> proxies;

    RedisBuckets(LettuceConnectionFactory redis, String prefix) {
        var shared = new SharedConnection<byte[]>(() -> commands(redis));
        this.proxies = new Bucket4jLettuce.LettuceBasedProxyManagerBuilder<>(shared)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                .requestTimeout(redis.getClientConfiguration().getCommandTimeout())
                .build()
                .withMapper((String key) -> (prefix + key).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Bucket4j's calls on a connection's commands. Generic in the key, as Bucket4j is: it hands keys
     * over in an Object[], which a class naming byte[] would have to cast (and could not).
     */
    private record SharedConnection<K>(Supplier<RedisClusterAsyncCommands<K, byte[]>> commands)
            implements RedisApi<K> {

        @Override
        public <V> RedisFuture<V> eval(String script, ScriptOutputType type, K[] keys, byte[]... args) {
            return commands.get().eval(script, type, keys, args);
        }

        @Override
        public RedisFuture<byte[]> get(K key) {
            return commands.get().get(key);
        }

        @Override
        public RedisFuture<?> delete(K key) {
            return commands.get().del(key);
        }
    }

    /** The shared native connection's commands; closing Spring's wrapper leaves that connection open. */
    private static RedisClusterAsyncCommands<byte[], byte[]> commands(LettuceConnectionFactory redis) {
        try (RedisConnection connection = redis.getConnection()) {
            return ((LettuceConnection) connection).getNativeConnection();
        }
    }

    @Override
    public Bucket create(String key, Bandwidth limit) {
        return proxies.builder()
                .withOptimization(Optimizations.batching())
                .build(key, () -> BucketConfiguration.builder().addLimit(limit).build());
    }
}
