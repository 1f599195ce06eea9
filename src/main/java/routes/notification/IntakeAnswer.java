package routes.notification;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What intake answers: 202 for a new notification, 200 with {@code duplicate: true} for a repeat. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntakeAnswer(String notificationId, String eventId, String status, Boolean duplicate) {

    static IntakeAnswer accepted(AcceptedNotification notification) {
        return new IntakeAnswer(notification.notificationId(), notification.eventId(), "ACCEPTED", null);
    }

    static IntakeAnswer duplicateOf(String notificationId, String eventId) {
        return new IntakeAnswer(notificationId, eventId, "ACCEPTED", true);
    }
}
