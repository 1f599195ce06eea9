package routes.cap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

class RedisCapCountsTest {

    @Test
    void redisAwayLetsEveryDeliveryThroughUncounted() throws Exception {
        int nobody;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = socket.getLocalPort();
        }
        var factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", nobody));
        factory.afterPropertiesSet();
        factory.start();
        try {
            var counts = new RedisCapCounts(new StringRedisTemplate(factory), "test:cap:");
            var check = new CapCounts.Check("marketing:push:u", "d1", 0, Duration.ofHours(24));

            assertThat(counts.take(List.of(check, check), Instant.now())).containsExactly(true, true);
        } finally {
            factory.destroy();
        }
    }
}
