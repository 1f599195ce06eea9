package routes.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;
import routes.dedup.LeasedIdempotentRepository;

/**
 * What intake makes of a request holding its eventId's claim, and the answers it gives: 202 once
 * the notification is on {@code notify.accepted}, 200 with the same id for a repeat.
 */
@Component("intake")
public class Intake {

    private final LeasedIdempotentRepository dedup;
    private final ObjectMapper json;

    public Intake(LeasedIdempotentRepository dedup, ObjectMapper json) {
        this.dedup = dedup;
        this.json = json;
    }

    /**
     * The notification as it travels to fan-out, stamped with the moment it was accepted, to the
     * microsecond the database keeps: its delivery ids begin with that moment, and the log's readers
     * find them again from the notification's recorded created_at.
     */
    public AcceptedNotification accept(ValidNotification request) {
        return new AcceptedNotification(request.notificationId(), request.eventId(), request.userIds(),
                request.category(), request.channels(), request.title(), request.body(), request.data(),
                request.priority(), request.ttlSeconds(), request.collapseKey(), request.background(), request.template(),
                Instant.now().truncatedTo(ChronoUnit.MICROS), request.sendAt());
    }

    /**
     * The notification as notify.accepted carries it: JSON text, which the topic's String serializer
     * sends as it is. (Camel's JSON marshal writes into a stream cache, which the producer then read
     * back into a String through a freshly buffered Reader for every request.)
     */
    public String record(@ExchangeProperty("accepted") AcceptedNotification notification)
            throws JsonProcessingException {
        return json.writeValueAsString(notification);
    }

    public IntakeAnswer accepted(@ExchangeProperty("accepted") AcceptedNotification notification) {
        return IntakeAnswer.accepted(notification);
    }

    /**
     * A repeat whose original is durable gets the original's id. A repeat of one still being
     * accepted (or whose acceptor died) must come back later: answering "duplicate" now could
     * swallow a notification that never became durable.
     */
    public IntakeAnswer duplicate(ValidNotification request) {
        if (dedup.isConfirmed(request.notificationId())) {
            return IntakeAnswer.duplicateOf(request);
        }
        throw new DuplicateInFlight(request.eventId());
    }
}
