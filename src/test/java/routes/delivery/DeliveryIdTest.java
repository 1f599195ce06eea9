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
import routes.user.Platform;
import routes.user.Recipient;

class DeliveryIdTest {

    private static final Instant ACCEPTED = Instant.parse("2026-12-07T10:15:30.123456Z");

    private static AcceptedNotification notification(String eventId) {
        return notification(eventId, ACCEPTED);
    }

    private static AcceptedNotification notification(String eventId, Instant acceptedAt) {
        return new AcceptedNotification(ValidNotification.idOf(eventId), eventId, List.of("u1", "u2"), null,
                EnumSet.of(Channel.PUSH), null, "body", null, Priority.HIGH, null, null, false, null, acceptedAt,
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
    void eachRecipientGetsItsOwnIdSharingTheFirstHalfOfItsNotificationsDeliveries() {
        var notification = notification("e");
        var a = Delivery.idOf(notification, "u1", Channel.PUSH, "token-a");
        var b = Delivery.idOf(notification, "u1", Channel.PUSH, "token-b");
        var c = Delivery.idOf(notification, "u2", Channel.EMAIL, "u2@example.com");
        assertThat(List.of(a, b, c)).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(UUID.fromString(id).getMostSignificantBits())
                        .isEqualTo(UUID.fromString(a).getMostSignificantBits()));
        assertThat(Delivery.idOf(notification("other"), "u1", Channel.PUSH, "token-a")).isNotEqualTo(a);
    }

    /** UUIDv7, so that the log's primary key grows as notifications are accepted. */
    @Test
    void deliveryIdsAreUuidV7sInTheOrderTheirNotificationsWereAccepted() {
        Instant accepted = Instant.parse("2026-12-07T10:15:30.123456Z");
        var earlier = notification("late-event", accepted);
        var later = notification("early-event", accepted.plusMillis(1));
        UUID id = UUID.fromString(Delivery.idOf(earlier, "u1", Channel.PUSH, "token-a"));
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(accepted.toEpochMilli());
        assertThat(Delivery.idOf(later, "u9", Channel.PUSH, "token-z")).isGreaterThan(id.toString());
    }

    /** The delivery log finds a notification's deliveries in these ranges of its primary key (text, compared as such). */
    @Test
    void aNotificationsDeliveriesLieInItsIdRangeAndOtherNotificationsDeliveriesDoNot() {
        var notification = notification("e");
        List<String> ranges = Delivery.idRangesOf(notification.notificationId(), notification.acceptedAt());
        for (int i = 0; i < 1000; i++) {
            Delivery delivery = Delivery.toDevice(notification, "u" + i,
                    new Recipient.Device("d" + i, Platform.IOS, "token-" + i));
            assertThat(delivery.deliveryId()).isBetween(ranges.get(0), ranges.get(1));
            assertThat(delivery.idBeforeTimeOrder()).isBetween(ranges.get(2), ranges.get(3));
        }
        // accepted in another millisecond (one accepted in the same one may share the range: readers
        // also ask for the notification_id)
        for (int i = 0; i < 1000; i++) {
            var other = notification("other-" + i, ACCEPTED.plusMillis(i % 2 == 0 ? 1 + i : -1 - i));
            String id = Delivery.idOf(other, "u1", Channel.PUSH, "token-a");
            assertThat(id.compareTo(ranges.get(0)) < 0 || id.compareTo(ranges.get(1)) > 0).as(id).isTrue();
        }
    }

    /** A client's retry accepted later finds the ids its notification's deliveries were logged under. */
    @Test
    void aDeliveryKnowsItsIdHadItsNotificationBeenAcceptedAtAnotherMoment() {
        Instant first = Instant.parse("2026-12-07T10:15:30.123456Z");
        var logged = Delivery.idOf(notification("e", first), "u1", Channel.PUSH, "token-a");
        var retry = Delivery.toDevice(notification("e", first.plusSeconds(90)), "u1",
                new Recipient.Device("d1", Platform.IOS, "token-a"));
        assertThat(retry.deliveryId()).isNotEqualTo(logged);
        assertThat(retry.idIfAcceptedAt(first)).isEqualTo(logged);
        assertThat(retry.loggedAs(logged).deliveryId()).isEqualTo(logged);
    }
}
