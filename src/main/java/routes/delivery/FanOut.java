package routes.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;
import routes.notification.AcceptedNotification;
import routes.template.TemplateRenderer;
import routes.user.Recipient;
import routes.user.Recipients;

/**
 * Fan-out and the preferences filter: one delivery per device, phone and mailbox on each
 * requested channel, then the user's consent applied to each, then a template's wording rendered.
 */
@Component("fanOut")
public class FanOut {

    private final Recipients recipients;
    private final TemplateRenderer renderer;
    private final ObjectReader notificationReader;
    private final ObjectWriter deliveryWriter;

    public FanOut(Recipients recipients, TemplateRenderer renderer, ObjectMapper json) {
        this.recipients = recipients;
        this.renderer = renderer;
        this.notificationReader = json.readerFor(AcceptedNotification.class);
        this.deliveryWriter = json.writerFor(Delivery.class);
    }

    /**
     * The polled batch's notifications, each once: a notification published twice (a client's
     * retry after its acceptor died) can meet itself in one batch.
     */
    public List<AcceptedNotification> notifications(List<Exchange> records) throws IOException {
        Map<String, AcceptedNotification> byId = new LinkedHashMap<>();
        for (Exchange record : records) {
            AcceptedNotification notification = notificationReader.readValue(record.getMessage().getBody(String.class));
            byId.putIfAbsent(notification.notificationId(), notification);
        }
        return new ArrayList<>(byId.values());
    }

    /**
     * Every delivery the notifications imply, each user's preferences applied, and each one that
     * goes out worded by its template in the user's locale.
     */
    public List<Delivery> deliveries(@Body List<AcceptedNotification> notifications) {
        List<Delivery> deliveries = new ArrayList<>();
        TemplateRenderer.Batch rendering = renderer.batch();
        for (AcceptedNotification notification : notifications) {
            for (String userId : notification.userIds()) {
                Recipient recipient = recipients.lookup(userId);
                for (Delivery delivery : deliveriesFor(notification, recipient)) {
                    Delivery allowed = applyPreferences(delivery, recipient);
                    deliveries.add(allowed.isQueued() && notification.template() != null
                            ? worded(allowed, notification, recipient, rendering) : allowed);
                }
            }
        }
        return deliveries;
    }

    /** A delivery with its template's wording; FAILED, never sent, when its channel cannot carry that. */
    private static Delivery worded(Delivery delivery, AcceptedNotification notification, Recipient recipient,
            TemplateRenderer.Batch rendering) {
        TemplateRenderer.Wording wording = rendering.wording(notification.notificationId(), notification.template(),
                recipient.locale(), delivery.channel(), notification.data(), notification.background());
        Delivery worded = delivery.worded(wording.rendered());
        return wording.unfit().map(verdict -> worded.unfit(verdict.fault(), verdict.problem())).orElse(worded);
    }

    /** Every delivery this notification implies for one user, with NO_CONTACT where there is none. */
    static List<Delivery> deliveriesFor(AcceptedNotification notification, Recipient recipient) {
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
    static Delivery applyPreferences(Delivery delivery, Recipient recipient) {
        if (delivery.isQueued() && !recipient.preferences().allows(delivery.channel(), delivery.category())) {
            return delivery.skipped(SkipReason.OPTED_OUT);
        }
        return delivery;
    }

    /** Only what the preferences let through leaves fan-out. */
    public List<Delivery> queued(@Body List<Delivery> deliveries) {
        return deliveries.stream().filter(Delivery::isQueued).toList();
    }

    /**
     * The queued deliveries as records ({@link DeliveryRecords}), one batch per provider and lane, each marked
     * {@value PendingDeliveries#RECHECK} when its notification was recorded before this batch: it may
     * have been published already, so the worker checks the delivery log before sending it.
     */
    public List<ProviderBatch> byProvider(@Body List<Delivery> queued,
            @ExchangeProperty("recordedBefore") Set<String> recordedBefore, Exchange batch) throws IOException {
        ProviderBatch.Grouping records = new ProviderBatch.Grouping();
        for (Delivery delivery : queued) {
            Message record = DeliveryRecords.record(delivery, deliveryWriter, batch);
            if (recordedBefore.contains(delivery.notificationId())) {
                record.setHeader(PendingDeliveries.RECHECK, "true");
            }
            records.add(delivery.provider(), delivery.lane(), record);
        }
        return records.batches();
    }
}
