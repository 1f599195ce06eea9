package routes.management;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.data.redis.RedisHealthIndicator;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;
import routes.dedup.LeasedIdempotentRepository;
import routes.dedup.RedisLeasedIdempotentRepository;

/**
 * The services the hub needs, as the health contributor dependencies/{kafka,database,redis} and the
 * gauges {@code notify.dependency.up} and {@code notify.dependency.changed.timestamp} (seconds)
 * by dependency. The dependency-checks route calls {@link #refresh()} every few seconds; health and
 * metrics read what the last check found, so neither a probe nor a scrape waits on a dependency.
 * Redis is one only where the API keeps its eventIds there.
 */
@Component("dependencies")
public class Dependencies implements CompositeHealthContributor, InitializingBean, AutoCloseable {

    /** A check that has not answered by then counts as down; it is not started again until it returns. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);

    private final Map<String, Check> checks = new LinkedHashMap<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Admin kafka;

    public Dependencies(Admin kafka, DataSource database, LeasedIdempotentRepository dedup,
            ObjectProvider<RedisConnectionFactory> redis, @Value("${notify.roles}") List<String> roles,
            MeterRegistry meters) {
        this.kafka = kafka;
        add("kafka", this::kafkaHealth, meters);
        add("database", new DataSourceHealthIndicator(database), meters);
        if (roles.contains("api") && dedup instanceof RedisLeasedIdempotentRepository) {
            add("redis", new RedisHealthIndicator(redis.getObject()), meters);
        }
    }

    private void add(String name, HealthIndicator indicator, MeterRegistry meters) {
        DependencyState state = new DependencyState(name, Clock.systemUTC());
        checks.put(name, new Check(indicator, state));
        Gauge.builder("notify.dependency.up", state, DependencyState::up)
                .description("Whether the last check reached the dependency (1) or not (0)")
                .tag("dependency", name).register(meters);
        Gauge.builder("notify.dependency.changed.timestamp", state, DependencyState::changedEpochSeconds)
                .description("When the dependency last went down or came back (Unix time)")
                .baseUnit("seconds").tag("dependency", name).register(meters);
    }

    private Health kafkaHealth() {
        try {
            String cluster = kafka.describeCluster(new DescribeClusterOptions().timeoutMs((int) CHECK_TIMEOUT.toMillis()))
                    .clusterId().get(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return Health.up().withDetail("clusterId", cluster).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down(e).build();
        } catch (Exception unreachable) {
            return Health.down(unreachable).build();
        }
    }

    /** A first check before the hub starts, so that it is ready as soon as its routes are up. */
    @Override
    public void afterPropertiesSet() {
        refresh();
    }

    /** Checks every dependency at once, each on its own thread and bounded by {@link #CHECK_TIMEOUT}. */
    public void refresh() {
        CompletableFuture.allOf(checks.values().stream().map(this::start).toArray(CompletableFuture[]::new)).join();
    }

    private CompletableFuture<Void> start(Check check) {
        if (!check.running.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Health> task = CompletableFuture.supplyAsync(check.indicator::health, threads)
                .exceptionally(failed -> Health.down().withException(failed).build());
        task.whenComplete((health, failed) -> check.running.set(false));
        Health timedOut = Health.down().withDetail("error", "no answer within " + CHECK_TIMEOUT).build();
        return task.copy().completeOnTimeout(timedOut, CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .thenAccept(check.state::record);
    }

    @Override
    public HealthContributor getContributor(String name) {
        Check check = checks.get(name);
        return check == null ? null : check.state;
    }

    @Override
    public Iterator<NamedContributor<HealthContributor>> iterator() {
        return checks.entrySet().stream()
                .map(entry -> NamedContributor.<HealthContributor>of(entry.getKey(), entry.getValue().state))
                .iterator();
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    private record Check(HealthIndicator indicator, DependencyState state, AtomicBoolean running) {
        Check(HealthIndicator indicator, DependencyState state) {
            this(indicator, state, new AtomicBoolean());
        }
    }
}
