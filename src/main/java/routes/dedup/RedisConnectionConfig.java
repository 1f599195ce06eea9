package routes.dedup;

import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.data.redis.ClientResourcesBuilderCustomizer;
import org.springframework.boot.autoconfigure.data.redis.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the Redis connection behaves while Redis is away, for intake's dedup above all (limits and
 * caps share the connection). Measured with bench/chaos, Redis killed for 20 s under 100
 * notifications a second.
 */
@Configuration
public class RedisConnectionConfig {

    /**
     * Reconnect at most a second apart: Lettuce's default backoff doubles up to 30 s, which kept
     * intake refusing for up to 16 s after Redis was back.
     */
    @Bean
    ClientResourcesBuilderCustomizer promptRedisReconnect() {
        return resources -> resources.reconnectDelay(
                Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
    }

    /**
     * Fail a command at once while disconnected, rather than queue it: a request is answered 503
     * without waiting out the command timeout, and a claim queued by a request already answered
     * 503 is not written when Redis returns (such a stale lease answered the client's retry 409
     * for a lease's length).
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer refuseCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS);
    }
}
