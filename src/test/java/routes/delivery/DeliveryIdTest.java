package routes.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import routes.notification.AcceptedNotification;
import routes.notification.Priority;
import routes.notification.ValidNotification;

class DeliveryIdTest {

    private static AcceptedNotification notification(String eventId) {
        return new AcceptedNotification(ValidNotification.idOf(eventId), eventId, List.of("u1", "u2"), null,
                EnumSet.of(Channel.PUSH), null, "body", null, Priority.HIGH, null, null, false, null, Instant.now(),
                null);
    }

    @Test
    void theSameEventIdNamesTheSameNotificationAndOthersDoNot() {
        assertThat(ValidNotification.idOf("order-1")).isEqualTo(ValidNotification.idOf("order-1"))
                .isNotEqualTo(ValidNotification.idOf("order-2"));
        assertThat(UUID.fromString(ValidNotification.idOf("order-1")).version()).isEqualTo(3);
    }

    @Test
    void anEventIdNamesAnotherNotificationForEachClientAndTheSharedOneWithoutAClient() {
        assertThat(ValidNotification.idOf(null, "1")).isEqualTo(ValidNotification.idOf("1"));
        assertThat(ValidNotification.idOf("billing", "1")).isEqualTo(ValidNotification.idOf("billing", "1"))
                .isNotEqualTo(ValidNotification.idOf("shipping", "1"))
                .isNotEqualTo(ValidNotification.idOf("1"));
    }

    @Test
    void fanOutRunTwiceGivesTheSameDeliveryIds() {
        var once = Delivery.idOf(notification("e"), "u1", Channel.PUSH, "token-a");
        var again = Delivery.idOf(notification("e"), "u1", Channel.PUSH, "token-a");
        assertThat(once).isEqualTo(again);
    }

    @Test
    void eachRecipientGetsItsOwnIdSharingTheNotificationsFirstHalf() {
        var notification = notification("e");
        var a = Delivery.idOf(notification, "u1", Channel.PUSH, "token-a");
        var b = Delivery.idOf(notification, "u1", Channel.PUSH, "token-b");
        var c = Delivery.idOf(notification, "u2", Channel.EMAIL, "u2@example.com");
        assertThat(List.of(a, b, c)).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(UUID.fromString(id).getMostSignificantBits())
                        .isEqualTo(UUID.fromString(notification.notificationId()).getMostSignificantBits()));
        assertThat(Delivery.idOf(notification("other"), "u1", Channel.PUSH, "token-a")).isNotEqualTo(a);
    }

    /** The delivery log finds a notification's deliveries as this range of its primary key (text, compared as such). */
    @Test
    void aNotificationsDeliveriesLieInItsIdRangeAndOtherNotificationsDeliveriesDoNot() {
        var notification = notification("e");
        List<String> range = Delivery.idRangeOf(notification.notificationId());
        for (int i = 0; i < 1000; i++) {
            assertThat(Delivery.idOf(notification, "u" + i, Channel.PUSH, "token-" + i))
                    .isBetween(range.get(0), range.get(1));
        }
        for (int i = 0; i < 1000; i++) {
            String other = Delivery.idOf(notification("other-" + i), "u1", Channel.PUSH, "token-a");
            assertThat(other.compareTo(range.get(0)) < 0 || other.compareTo(range.get(1)) > 0).as(other).isTrue();
        }
    }
}
