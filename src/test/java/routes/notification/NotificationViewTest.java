package routes.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static routes.delivery.DeliveryStatus.CANCELED;
import static routes.delivery.DeliveryStatus.DEAD_LETTERED;
import static routes.delivery.DeliveryStatus.DEFERRED;
import static routes.delivery.DeliveryStatus.EXPIRED;
import static routes.delivery.DeliveryStatus.FAILED;
import static routes.delivery.DeliveryStatus.QUEUED;
import static routes.delivery.DeliveryStatus.RETRYING;
import static routes.delivery.DeliveryStatus.SENT;
import static routes.delivery.DeliveryStatus.SKIPPED;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The overall status GET /notifications/{id} derives from its deliveries' counts ({@link NotificationView#statusOf}). */
class NotificationViewTest {

    @Test
    void noDeliveriesYetIsAccepted() {
        assertThat(NotificationView.statusOf(Map.of())).isEqualTo("ACCEPTED");
    }

    @Test
    void anyDeliveryStillQueuedIsInProgressWhateverElseHappened() {
        assertThat(NotificationView.statusOf(Map.of(QUEUED, 1L))).isEqualTo("IN_PROGRESS");
        assertThat(NotificationView.statusOf(Map.of(QUEUED, 1L, SENT, 5L, FAILED, 2L))).isEqualTo("IN_PROGRESS");
    }

    @Test
    void anyDeliveryWaitingForARetryIsInProgress() {
        assertThat(NotificationView.statusOf(Map.of(RETRYING, 1L, SENT, 3L))).isEqualTo("IN_PROGRESS");
    }

    @Test
    void aDeliveryHeldForQuietHoursIsInProgressAndACanceledOneIsNot() {
        assertThat(NotificationView.statusOf(Map.of(DEFERRED, 1L, SENT, 1L))).isEqualTo("IN_PROGRESS");
        assertThat(NotificationView.statusOf(Map.of(CANCELED, 1L, SENT, 1L))).isEqualTo("PARTIALLY_DELIVERED");
    }

    @Test
    void everyDeliverySentIsDelivered() {
        assertThat(NotificationView.statusOf(Map.of(SENT, 4L))).isEqualTo("DELIVERED");
    }

    @Test
    void sentAndSkippedTogetherIsDelivered() {
        assertThat(NotificationView.statusOf(Map.of(SENT, 1L, SKIPPED, 3L))).isEqualTo("DELIVERED");
    }

    @Test
    void everyDeliverySkippedIsSkipped() {
        assertThat(NotificationView.statusOf(Map.of(SKIPPED, 2L))).isEqualTo("SKIPPED");
    }

    @Test
    void someSentAndSomeGivenUpIsPartiallyDelivered() {
        assertThat(NotificationView.statusOf(Map.of(SENT, 1L, FAILED, 1L))).isEqualTo("PARTIALLY_DELIVERED");
        assertThat(NotificationView.statusOf(Map.of(SENT, 1L, DEAD_LETTERED, 1L))).isEqualTo("PARTIALLY_DELIVERED");
        assertThat(NotificationView.statusOf(Map.of(SENT, 1L, EXPIRED, 1L, SKIPPED, 1L)))
                .isEqualTo("PARTIALLY_DELIVERED");
    }

    @Test
    void nothingSentAndSomethingGivenUpIsFailed() {
        assertThat(NotificationView.statusOf(Map.of(FAILED, 2L))).isEqualTo("FAILED");
        assertThat(NotificationView.statusOf(Map.of(DEAD_LETTERED, 1L, EXPIRED, 1L))).isEqualTo("FAILED");
        assertThat(NotificationView.statusOf(Map.of(SKIPPED, 5L, FAILED, 1L))).isEqualTo("FAILED");
    }
}
