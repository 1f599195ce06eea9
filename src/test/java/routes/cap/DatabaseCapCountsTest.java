package routes.cap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The embedded default's counts, on an H2 database of the test's own with the hub's table. */
class DatabaseCapCountsTest {

    private static final Duration DAY = Duration.ofHours(24);
    private static final Instant NOON = Instant.parse("2026-06-05T12:00:00Z");

    private final DriverManagerDataSource database =
            new DriverManagerDataSource("jdbc:h2:mem:caps-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final DatabaseCapCounts counts = new DatabaseCapCounts(JdbcClient.create(database),
            new TransactionTemplate(new DataSourceTransactionManager(database)));

    @BeforeEach
    void createTheTable() throws Exception {
        JdbcClient.create(database).sql(Files.readString(Path.of("src/main/resources/db/migration/V21__cap_counts.sql"))
                .replaceAll("(?m)^--.*$", "")).update();
    }

    @Test
    void countsOutliveTheInstanceThatTookThem() {
        counts.take(List.of(check("k", "d1", 1)), NOON);
        DatabaseCapCounts afterARestart = new DatabaseCapCounts(JdbcClient.create(database),
                new TransactionTemplate(new DataSourceTransactionManager(database)));
        assertThat(afterARestart.take(List.of(check("k", "d2", 1)), NOON.plusSeconds(1))).containsExactly(false);
    }

    private static CapCounts.Check check(String key, String deliveryId, int max) {
        return new CapCounts.Check(key, deliveryId, max, DAY);
    }

    @Test
    void theFourthWithinTheWindowIsOverACapOfThree() {
        assertThat(counts.take(List.of(check("marketing:push:u", "d1", 3), check("marketing:push:u", "d2", 3),
                check("marketing:push:u", "d3", 3), check("marketing:push:u", "d4", 3),
                check("orders:push:u", "d5", 3)), NOON)).containsExactly(true, true, true, false, true);
    }

    @Test
    void aDeliveryCountedBeforeFitsAgainAndIsNotCountedTwice() {
        assertThat(counts.take(List.of(check("k", "d1", 2)), NOON)).containsExactly(true);
        assertThat(counts.take(List.of(check("k", "d1", 2), check("k", "d1", 2)), NOON.plusSeconds(1)))
                .containsExactly(true, true);
        assertThat(counts.take(List.of(check("k", "d2", 2), check("k", "d3", 2)), NOON.plusSeconds(2)))
                .containsExactly(true, false);
    }

    @Test
    void theWindowRolls() {
        counts.take(List.of(check("k", "d1", 1)), NOON);
        assertThat(counts.take(List.of(check("k", "d2", 1)), NOON.plus(DAY).minusSeconds(1))).containsExactly(false);
        assertThat(counts.take(List.of(check("k", "d2", 1)), NOON.plus(DAY))).containsExactly(true);
    }

    @Test
    void aCapOfNoneRefusesEveryDelivery() {
        assertThat(counts.take(List.of(check("k", "d1", 0)), NOON)).containsExactly(false);
    }
}
