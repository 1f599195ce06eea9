package routes.tracking;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import routes.api.ApiProblem;
import routes.api.StrictJson;

/** Records delivered, opened and clicked events of known deliveries, once per delivery and type. */
@Component("deliveryEvents")
public class DeliveryEvents {

    /** Body of {@code POST /deliveries/{deliveryId}/events}. */
    public record EventRequest(EventType type) {}

    /** The event as recorded: a repeat answers the first one's time. */
    public record RecordedEvent(String deliveryId, EventType type, OffsetDateTime occurredAt) {}

    private final JdbcClient db;

    public DeliveryEvents(JdbcClient db) {
        this.db = db;
    }

    public RecordedEvent report(@Header("deliveryId") String deliveryId, @Body String json) {
        EventRequest request = StrictJson.read(json, EventRequest.class);
        if (request.type() == null) {
            throw ApiProblem.invalid("type", "is required: delivered, opened or clicked");
        }
        return record(deliveryId, request.type());
    }

    /** A click on a signed link: recorded when its delivery is still logged; the reader is redirected either way. */
    public void clicked(String deliveryId) {
        insert(deliveryId, EventType.CLICKED);
    }

    private RecordedEvent record(String deliveryId, EventType type) {
        insert(deliveryId, type);
        return db.sql("select occurred_at from delivery_event where delivery_id = ? and type = ?")
                .params(deliveryId, type.wire())
                .query(OffsetDateTime.class)
                .optional()
                .map(at -> new RecordedEvent(deliveryId, type, at))
                .orElseThrow(() -> ApiProblem.notFound("No delivery '" + deliveryId + "'"));
    }

    /** Portable "insert unless present" (H2 has no ON CONFLICT); of two at once, the primary key keeps one. */
    private void insert(String deliveryId, EventType type) {
        try {
            db.sql("insert into delivery_event (delivery_id, type, occurred_at) "
                            + "select d.delivery_id, :type, :now from delivery d where d.delivery_id = :id and not exists "
                            + "(select 1 from delivery_event e where e.delivery_id = :id and e.type = :type)")
                    .param("id", deliveryId).param("type", type.wire())
                    .param("now", OffsetDateTime.now(ZoneOffset.UTC))
                    .update();
        } catch (DuplicateKeyException recordedMeanwhile) {
            // the same event arrived twice at once: the first one stands
        }
    }
}
