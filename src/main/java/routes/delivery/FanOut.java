package routes.delivery;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;
import routes.notification.AcceptedNotification;
import routes.user.Recipient;

/**
 * Fan-out and the preferences filter: one delivery per device, phone and mailbox on each
 * requested channel, then the user's consent applied to each.
 */
@Component("fanOut")
public class FanOut {

    /** Every delivery this notification implies for one user, with NO_CONTACT where there is none. */
    public List<Delivery> deliveriesFor(@ExchangeProperty("notification") AcceptedNotification notification,
            @Body Recipient recipient) {
        List<Delivery> deliveries = new ArrayList<>();
        String userId = recipient.userId();
        for (Channel channel : notification.channels()) {
            switch (channel) {
                case PUSH -> recipient.devices().forEach(device -> deliveries.add(
                        Delivery.toDevice(notification, userId, device)));
                case SMS -> {
                    if (recipient.phone() != null) {
                        deliveries.add(Delivery.toRecipient(notification, userId, Provider.SMS, recipient.phone()));
                    }
                }
                case EMAIL -> {
                    if (recipient.email() != null) {
                        deliveries.add(Delivery.toRecipient(notification, userId, Provider.EMAIL, recipient.email()));
                    }
                }
            }
            if (deliveries.stream().noneMatch(d -> d.channel() == channel)) {
                deliveries.add(Delivery.noContact(notification, userId, channel));
            }
        }
        return deliveries;
    }

    /** A delivery the user's preferences refuse is SKIPPED (OPTED_OUT), still logged, never sent. */
    public Delivery applyPreferences(@Body Delivery delivery, @ExchangeProperty("recipient") Recipient recipient) {
        if (delivery.isQueued() && !recipient.preferences().allows(delivery.channel(), delivery.category())) {
            return delivery.skipped(SkipReason.OPTED_OUT);
        }
        return delivery;
    }
}
