import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.yaml.snakeyaml.Yaml;
import routes.delivery.Channel;
import routes.delivery.Delivery;
import routes.delivery.DeliveryLog;
import routes.delivery.DeliveryStatus;
import routes.delivery.Outcome;
import routes.delivery.Provider;
import routes.notification.AcceptedNotification;
import routes.notification.Priority;
import routes.provider.ProviderReceipt;
import routes.user.Platform;

/**
 * What the delivery log alone takes per second on this machine: the hub's own DeliveryLog (fan-out
 * recording notifications with their deliveries, a worker recording outcomes), against the
 * embedded default's H2 file with the hub's own URL and migrations, or the database a JDBC URL
 * names: PostgreSQL (production's schema), or an H2 file with other settings to compare. Fan-out
 * and the worker run on two threads, as in the hub; nothing else runs (no Kafka, no HTTP, no
 * provider). Fan-out records batches of notifications of <per-notification> deliveries each (about
 * 1,000 deliveries a batch); the worker records outcomes 500 at a time.
 *
 * java -cp <hub's classes and libraries> bench/DeliveryLogCeiling.java <hub classes dir> <work dir> <deliveries> <per-notification> [jdbc:postgresql://... | jdbc:h2:file:...]
 */
public class DeliveryLogCeiling {

    private static final int FAN_OUT_BATCH = Integer.getInteger("fanOutBatch", 1000);
    private static final int WORKER_BATCH = 500;
    private static final List<Delivery> DONE = List.of();

    public static void main(String[] args) throws Exception {
        Path classes = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int deliveries = Integer.parseInt(args[2]);
        int perNotification = Integer.parseInt(args[3]);
        String url = args.length > 4 ? args[4] : h2Url(classes, work);

        try (HikariDataSource db = dataSource(url)) {
            Flyway.configure().dataSource(db)
                    .locations("classpath:db/migration", "classpath:db/vendor/" + (url.startsWith("jdbc:h2:") ? "h2" : "postgresql"))
                    .load().migrate();
            if (System.getProperty("ceiling.sql") != null) {
                for (String statement : Files.readString(Path.of(System.getProperty("ceiling.sql"))).split(";")) {
                    if (!statement.isBlank()) {
                        JdbcClient.create(db).sql(statement).update();
                    }
                }
            }
            ObjectMapper json = JsonMapper.builder().findAndAddModules().build();
            DeliveryLog log = new DeliveryLog(JdbcClient.create(db),
                    new TransactionTemplate(new DataSourceTransactionManager(db)), json, db);

            run(log, deliveries / 5, perNotification);
            long start = System.nanoTime();
            long cpuBefore = processCpuNanos();
            run(log, deliveries, perNotification);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuMicros = (processCpuNanos() - cpuBefore) / 1e3 / deliveries;
            System.out.printf("delivery log alone: %d deliveries, %d per notification (recorded at fan-out, outcome "
                    + "recorded) at %.0f/s; %.0f µs of CPU per delivery%n", deliveries, perNotification,
                    deliveries / seconds, cpuMicros);
        }
    }

    /** This JVM's CPU time (all its threads: fan-out, worker, H2, the JIT, G1), to set beside the hub's. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The embedded default's database URL, from the hub's own application.yaml. */
    private static String h2Url(Path classes, Path work) throws Exception {
        Map<String, Map<String, Map<String, Object>>> config = new Yaml().load(Files.readString(classes.resolve("application.yaml")));
        return ((String) config.get("spring").get("datasource").get("url"))
                .replace("${notify.data-dir}", work.resolve("data").toString());
    }

    private static HikariDataSource dataSource(String url) {
        System.out.println("delivery log in " + url);
        HikariDataSource db = new HikariDataSource();
        db.setJdbcUrl(url);
        if (url.startsWith("jdbc:h2:")) {
            db.setUsername("sa");
            db.setPassword("");
        }
        db.setMaximumPoolSize(16);
        return db;
    }

    /** Fan-out records each batch while the worker records the outcomes of the last. */
    private static void run(DeliveryLog log, int deliveries, int perNotification) throws Exception {
        BlockingQueue<List<Delivery>> queued = new ArrayBlockingQueue<>(4);
        Thread worker = Thread.ofPlatform().name("worker").start(() -> {
            try {
                for (List<Delivery> batch = queued.take(); batch != DONE; batch = queued.take()) {
                    for (int from = 0; from < batch.size(); from += WORKER_BATCH) {
                        List<Outcome> outcomes = new ArrayList<>();
                        for (Delivery delivery : batch.subList(from, Math.min(from + WORKER_BATCH, batch.size()))) {
                            outcomes.add(Outcome.sent(delivery, new ProviderReceipt(UUID.randomUUID().toString())));
                        }
                        log.recordOutcomes(outcomes);
                    }
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        for (int sent = 0; sent < deliveries; sent += FAN_OUT_BATCH) {
            List<AcceptedNotification> notifications = new ArrayList<>();
            List<Delivery> batch = new ArrayList<>(FAN_OUT_BATCH);
            while (batch.size() < FAN_OUT_BATCH) {
                AcceptedNotification notification = notification(perNotification);
                notifications.add(notification);
                batch.addAll(deliveries(notification));
            }
            if (!log.recordFanOut(notifications, batch).recordedBefore().isEmpty()) {
                throw new IllegalStateException("a new notification was taken for one recorded before");
            }
            queued.put(batch);
        }
        queued.put(DONE);
        worker.join();
    }

    private static AcceptedNotification notification(int users) {
        List<String> userIds = new ArrayList<>(users);
        for (int u = 0; u < users; u++) {
            userIds.add("ceiling-" + u);
        }
        return new AcceptedNotification(UUID.randomUUID().toString(), UUID.randomUUID().toString(), userIds, null,
                EnumSet.of(Channel.PUSH), "벤치마크", "delivery log ceiling", Map.of(), Priority.HIGH, null, null, false,
                null, Instant.now().truncatedTo(ChronoUnit.MICROS), null);
    }

    private static List<Delivery> deliveries(AcceptedNotification notification) {
        List<Delivery> deliveries = new ArrayList<>(notification.userIds().size());
        for (String userId : notification.userIds()) {
            Delivery delivery = new Delivery(null, notification.notificationId(), userId,
                    Channel.PUSH, Provider.APNS, Platform.IOS, "%064x".formatted(userId.hashCode()), null, "벤치마크",
                    "delivery log ceiling", Map.of(), Priority.HIGH, null, false, notification.acceptedAt(), null,
                    DeliveryStatus.QUEUED, null, 1, 1, null, null, null, null, null);
            // its id as the hub derives it: the notification's acceptance, then the delivery's own
            deliveries.add(delivery.loggedAs(delivery.idIfAcceptedAt(notification.acceptedAt())));
        }
        return deliveries;
    }
}
