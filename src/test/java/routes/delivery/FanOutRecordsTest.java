package routes.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import routes.notification.Priority;

/** What fan-out hands the Kafka producer: each provider's records, keyed and marked as the workers need them. */
class FanOutRecordsTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final FanOut fanOut = new FanOut(null, null, json);
    private final Exchange batch = new DefaultExchange(new DefaultCamelContext());

    private static Delivery delivery(String id, String notificationId, String userId, Provider provider) {
        return delivery(id, notificationId, userId, provider, Priority.NORMAL);
    }

    private static Delivery delivery(String id, String notificationId, String userId, Provider provider,
            Priority priority) {
        return new Delivery(id, notificationId, userId, provider.channel(), provider, null, "recipient-" + id, null,
                "title", "body", Map.of(), priority, null, false, Instant.parse("2026-01-01T00:00:00Z"), null,
                DeliveryStatus.QUEUED, null, 1, 1, null, null, null, null, null);
    }

    @Test
    void eachProviderGetsItsOwnRecordsKeyedByUser() throws Exception {
        List<ProviderBatch> batches = fanOut.byProvider(List.of(
                delivery("d-1", "n-1", "alice", Provider.APNS),
                delivery("d-2", "n-1", "alice", Provider.EMAIL),
                delivery("d-3", "n-1", "bob", Provider.APNS)), Set.of(), batch);

        assertThat(batches).extracting(ProviderBatch::provider).containsExactly(Provider.APNS, Provider.EMAIL);
        List<Message> apns = batches.getFirst().records();
        assertThat(apns).extracting(record -> record.getHeader(KafkaConstants.KEY)).containsExactly("alice", "bob");
        assertThat(json.readValue(apns.get(1).getBody(String.class), Delivery.class))
                .isEqualTo(delivery("d-3", "n-1", "bob", Provider.APNS));
    }

    @Test
    void highPriorityTakesTheUrgentLaneAndNormalAndBulkTheBulkLane() throws Exception {
        List<ProviderBatch> batches = fanOut.byProvider(List.of(
                delivery("d-1", "n-1", "alice", Provider.APNS, Priority.BULK),
                delivery("d-2", "n-2", "bob", Provider.APNS, Priority.HIGH),
                delivery("d-3", "n-3", "carol", Provider.APNS, Priority.NORMAL),
                delivery("d-4", "n-2", "dave", Provider.SMS, Priority.HIGH)), Set.of(), batch);

        assertThat(batches).extracting(ProviderBatch::provider, ProviderBatch::lane).containsExactly(
                tuple(Provider.APNS, Lane.URGENT), tuple(Provider.APNS, Lane.BULK), tuple(Provider.SMS, Lane.URGENT));
        assertThat(batches.get(0).records()).extracting(record -> record.getHeader(KafkaConstants.KEY))
                .containsExactly("bob");
        assertThat(batches.get(1).records()).extracting(record -> record.getHeader(KafkaConstants.KEY),
                record -> record.getHeader(Lane.HEADER)).containsExactly(tuple("alice", "bulk"), tuple("carol", "bulk"));
        assertThat(batches.get(0).records().getFirst().getHeader(Lane.HEADER)).isEqualTo("urgent");
        assertThat(Lane.URGENT.topic(Provider.APNS)).isEqualTo("notify.apns");
        assertThat(Lane.BULK.topic(Provider.APNS)).isEqualTo("notify.apns.bulk");
    }

    @Test
    void onlyDeliveriesOfANotificationRecordedBeforeAreMarkedForACheck() throws Exception {
        List<ProviderBatch> batches = fanOut.byProvider(List.of(
                delivery("d-1", "n-again", "alice", Provider.FCM),
                delivery("d-2", "n-new", "bob", Provider.FCM)), Set.of("n-again"), batch);

        assertThat(batches.getFirst().records())
                .extracting(record -> record.getHeader(PendingDeliveries.RECHECK))
                .containsExactly("true", null);
    }
}
