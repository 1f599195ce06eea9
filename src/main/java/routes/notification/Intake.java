package routes.notification;

import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;
import routes.dedup.LeasedIdempotentRepository;

/** The answers intake gives once a notification was accepted, or recognised as a repeat. */
@Component("intake")
public class Intake {

    private final NotificationStore notifications;
    private final LeasedIdempotentRepository dedup;

    public Intake(NotificationStore notifications, LeasedIdempotentRepository dedup) {
        this.notifications = notifications;
        this.dedup = dedup;
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
        if (dedup.isConfirmed(request.eventId())) {
            var original = notifications.newestForEvent(request.eventId());
            if (original.isPresent()) {
                return IntakeAnswer.duplicateOf(original.get(), request.eventId());
            }
        }
        throw new DuplicateInFlight(request.eventId());
    }
}
