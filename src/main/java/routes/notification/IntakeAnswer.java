package routes.notification;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What intake answers: 202 for a new notification (ACCEPTED, or SCHEDULED when it is to be sent
 * later), 200 with {@code duplicate: true} for a repeat.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntakeAnswer(String notificationId, String eventId, String status, Boolean duplicate) {

    static IntakeAnswer accepted(AcceptedNotification notification) {
        return new IntakeAnswer(notification.notificationId(), notification.eventId(),
                notification.sendAt() == null ? "ACCEPTED" : "SCHEDULED", null);
    }

    static IntakeAnswer duplicateOf(ValidNotification request) {
        return new IntakeAnswer(request.notificationId(), request.eventId(),
                request.sendAt() == null ? "ACCEPTED" : "SCHEDULED", true);
    }
}
