import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yaml.snakeyaml.Yaml;
import routes.delivery.Channel;
import routes.delivery.Delivery;
import routes.delivery.DeliveryLog;
import routes.delivery.DeliveryStatus;
import routes.delivery.Outcome;
import routes.delivery.PendingDeliveries;
import routes.delivery.Provider;
import routes.notification.Priority;
import routes.provider.ProviderReceipt;
import routes.user.Platform;

/**
 * What the delivery log alone takes per second on this machine: the hub's own statements (fan-out's
 * inserts, a worker's pending check and its outcome merge), through camel-jdbc, against the
 * embedded default's H2 file with the hub's own URL and migrations, or the database a JDBC URL
 * names: PostgreSQL (production's schema), or an H2 file with other settings to compare. Fan-out and the worker run on two threads, as in the hub;
 * nothing else runs (no Kafka, no HTTP, no provider). A ceiling for bench/apns-run's deliveries/s.
 *
 * java -cp <hub's classes and libraries> bench/DeliveryLogCeiling.java <hub classes dir> <work dir> <deliveries> [jdbc:postgresql://... | jdbc:h2:file:...]
 */
public class DeliveryLogCeiling {

    private static final int PER_NOTIFICATION = 1000;
    private static final int WORKER_BATCH = 500;
    private static final List<Delivery> DONE = List.of();

    public static void main(String[] args) throws Exception {
        Path classes = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int deliveries = Integer.parseInt(args[2]);
        String url = args.length > 3 ? args[3] : h2Url(classes, work);

        try (HikariDataSource db = dataSource(url);
                CamelContext camel = new DefaultCamelContext()) {
            Flyway.configure().dataSource(db)
                    .locations("classpath:db/migration", "classpath:db/vendor/" + (url.startsWith("jdbc:h2:") ? "h2" : "postgresql"))
                    .load().migrate();
            camel.getRegistry().bind("dataSource", db);
            camel.start();
            ProducerTemplate jdbc = camel.createProducerTemplate();
            DeliveryLog log = new DeliveryLog();
            ObjectMapper json = JsonMapper.builder().findAndAddModules().build();
            PendingDeliveries pending = new PendingDeliveries(JdbcClient.create(db), json);

            run(camel, jdbc, log, pending, json, deliveries / 5);
            long start = System.nanoTime();
            run(camel, jdbc, log, pending, json, deliveries);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("delivery log alone: %d deliveries (insert, pending check, outcome) at %.0f/s%n",
                    deliveries, deliveries / seconds);
        }
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

    /** Fan-out logs each notification's deliveries while the worker records the outcomes of the last. */
    private static void run(CamelContext camel, ProducerTemplate jdbc, DeliveryLog log, PendingDeliveries pending,
            ObjectMapper json, int deliveries) throws Exception {
        BlockingQueue<List<Delivery>> queued = new ArrayBlockingQueue<>(4);
        Thread worker = Thread.ofPlatform().name("worker").start(() -> {
            try {
                for (List<Delivery> batch = queued.take(); batch != DONE; batch = queued.take()) {
                    for (int from = 0; from < batch.size(); from += WORKER_BATCH) {
                        work(camel, jdbc, log, pending, json, batch.subList(from, Math.min(from + WORKER_BATCH, batch.size())));
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        for (int sent = 0; sent < deliveries; sent += PER_NOTIFICATION) {
            List<Delivery> batch = notification(PER_NOTIFICATION);
            execute(jdbc, log.inserts(batch, camel));
            queued.put(batch);
        }
        queued.put(DONE);
        worker.join();
    }

    private static void work(CamelContext camel, ProducerTemplate jdbc, DeliveryLog log, PendingDeliveries pending,
            ObjectMapper json, List<Delivery> batch) throws Exception {
        List<Exchange> records = new ArrayList<>();
        for (Delivery delivery : batch) {
            Exchange record = new DefaultExchange(camel);
            record.getMessage().setBody(json.writeValueAsString(delivery));
            records.add(record);
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Delivery delivery : pending.of(records, new DefaultExchange(camel))) {
            outcomes.add(log.sent(delivery, new ProviderReceipt(UUID.randomUUID().toString())));
        }
        if (outcomes.size() != batch.size()) {
            throw new IllegalStateException(batch.size() - outcomes.size() + " deliveries were not pending");
        }
        execute(jdbc, log.outcomes(outcomes, camel));
    }

    private static void execute(ProducerTemplate jdbc, List<Message> statements) {
        for (Message statement : statements) {
            Exchange done = jdbc.send("jdbc:dataSource?useHeadersAsParameters=true", exchange -> exchange.setIn(statement));
            if (done.getException() != null) {
                throw new IllegalStateException(done.getException());
            }
        }
    }

    private static List<Delivery> notification(int users) {
        String notificationId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        List<Delivery> deliveries = new ArrayList<>(users);
        for (int u = 0; u < users; u++) {
            deliveries.add(new Delivery(UUID.randomUUID().toString(), notificationId, "ceiling-" + u, Channel.PUSH,
                    Provider.APNS, Platform.IOS, "%064x".formatted(u), null, "벤치마크", "delivery log ceiling", Map.of(),
                    Priority.HIGH, null, false, now, null, DeliveryStatus.QUEUED, null, 1, 1, null, null));
        }
        return deliveries;
    }
}
