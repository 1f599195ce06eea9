package routes.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import routes.kafka.AssignmentHorizons;

/**
 * The first step of a delivery worker: the deliveries of a polled batch that still need an
 * attempt. Kafka hands a record over again after a crash or a rebalance (offsets are committed
 * only after a batch's outcomes are logged), and a delivery can be published again (a retry worker
 * or fan-out re-reading its own input, an operator's replay), marked with the {@value #RECHECK}
 * header. Only such records are checked against the delivery log, which says which attempts were
 * already made, so none is made twice; a batch of fresh records reads nothing.
 */
@Component("pendingDeliveries")
public class PendingDeliveries {

    /** Records that are not a delivery at all, kept raw for the dead-letter topic. */
    public static final String UNREADABLE = "unreadableRecords";

    /** Marks a delivery that may have been published before; the worker checks the log first. */
    public static final String RECHECK = "notify.recheck";

    private static final Set<DeliveryStatus> SETTLED = EnumSet.of(DeliveryStatus.SENT, DeliveryStatus.SKIPPED,
            DeliveryStatus.FAILED, DeliveryStatus.DEAD_LETTERED, DeliveryStatus.EXPIRED, DeliveryStatus.CANCELED);

    private static final int IDS_PER_QUERY = 500;

    private record Logged(DeliveryStatus status, int attempts) {}

    private final JdbcClient db;
    private final ObjectReader deliveryReader;
    private final AssignmentHorizons horizons;

    public PendingDeliveries(JdbcClient db, ObjectMapper json, AssignmentHorizons horizons) {
        this.db = db;
        this.deliveryReader = json.readerFor(Delivery.class);
        this.horizons = horizons;
    }

    /**
     * The readable deliveries, one per id (its latest attempt), whose attempt is not logged yet and
     * which are not settled. Unreadable records are set aside as messages in {@value #UNREADABLE}.
     */
    public List<Delivery> of(List<Exchange> records, Exchange batch) {
        Map<String, Delivery> latest = new LinkedHashMap<>();
        Set<String> toCheck = new HashSet<>();
        List<Message> unreadable = new ArrayList<>();
        for (Exchange record : records) {
            String body = record.getMessage().getBody(String.class);
            try {
                Delivery delivery = deliveryReader.readValue(body);
                if (delivery.deliveryId() == null || delivery.provider() == null) {
                    throw new IOException("not a delivery: deliveryId and provider are required");
                }
                latest.merge(delivery.deliveryId(), delivery, (a, b) -> b.attempt() >= a.attempt() ? b : a);
                if (mayRepeat(record.getMessage())) {
                    toCheck.add(delivery.deliveryId());
                }
            } catch (IOException | RuntimeException e) {
                Message raw = new DefaultMessage(batch);
                raw.setBody(body);
                raw.setHeader("notify.dlq.reason", "UNREADABLE: " + e.getMessage());
                unreadable.add(raw);
            }
        }
        batch.setProperty(UNREADABLE, unreadable);
        if (toCheck.isEmpty()) {
            return new ArrayList<>(latest.values());
        }
        Map<String, Logged> logged = logged(new ArrayList<>(toCheck));
        return latest.values().stream().filter(delivery -> {
            Logged entry = logged.get(delivery.deliveryId());
            return entry == null || !SETTLED.contains(entry.status()) && entry.attempts() < delivery.attempt();
        }).toList();
    }

    private boolean mayRepeat(Message record) {
        return record.getHeader(RECHECK) != null
                || horizons.mayHaveBeenRead(record.getHeader(KafkaConstants.TOPIC, String.class),
                        record.getHeader(KafkaConstants.PARTITION, Integer.class),
                        record.getHeader(KafkaConstants.OFFSET, Long.class));
    }

    private Map<String, Logged> logged(List<String> ids) {
        Map<String, Logged> logged = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(from + IDS_PER_QUERY, ids.size()));
            db.sql("select d.delivery_id, " + DeliveryLog.current("status") + ", " + DeliveryLog.current("attempts")
                            + " from " + DeliveryLog.CURRENT + " where d.delivery_id in (:ids)")
                    .param("ids", chunk)
                    .query((rs, row) -> Map.entry(rs.getString(1),
                            new Logged(DeliveryStatus.valueOf(rs.getString(2)), rs.getInt(3))))
                    .list()
                    .forEach(entry -> logged.put(entry.getKey(), entry.getValue()));
        }
        return logged;
    }
}
