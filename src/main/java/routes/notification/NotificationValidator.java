package routes.notification;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import routes.api.ApiProblem;
import routes.api.ApiProblem.FieldError;
import routes.api.PlainText;
import routes.api.StrictJson;
import routes.client.Caller;
import routes.delivery.Channel;
import routes.provider.apns.ApnsPayloads;
import routes.provider.fcm.FcmMessages;
import routes.provider.sms.SmsGateway;
import routes.template.Params;
import routes.template.TemplateStore;
import routes.template.TemplateUse;
import routes.template.TemplateVersion;
import routes.template.TemplatesUnavailable;
import routes.user.Contacts;
import routes.user.Preferences;

/** Turns a request body into a {@link ValidNotification}, naming every field that is wrong. */
@Component("notificationValidator")
public class NotificationValidator {

    public static final String NOTIFICATION_ID = "notificationId";

    static final int MAX_USERS = 1000;
    private static final int MAX_EVENT_ID = 256;
    private static final int MAX_TITLE = 1024;
    private static final int MAX_COLLAPSE_KEY_BYTES = 64;
    private static final long MAX_TTL_SECONDS = Duration.ofDays(28).toSeconds();
    static final Duration MAX_SCHEDULE_AHEAD = Duration.ofDays(30);

    private final SmsGateway primarySms;
    private final TemplateStore templates;
    private final Clock clock;

    public NotificationValidator(@Qualifier("primarySms") SmsGateway primarySms, TemplateStore templates,
            Clock clock) {
        this.primarySms = primarySms;
        this.templates = templates;
        this.clock = clock;
    }

    /**
     * The route's step: the valid notification, whose id it also names in exchange property
     * {@value #NOTIFICATION_ID} (dedup's key and the accepted record's Kafka key), so that no later
     * step has to look into the body for it.
     */
    public ValidNotification validate(@Body InputStream json, Exchange exchange) {
        ValidNotification valid = validated(StrictJson.read(json, NotificationRequest.class), eventScope(exchange),
                madeAt(exchange));
        exchange.setProperty(NOTIFICATION_ID, valid.notificationId());
        return valid;
    }

    /** A request from the configured client (or the Kafka intake), in the shared eventId namespace. */
    public ValidNotification validated(String json) {
        return validated(StrictJson.read(json, NotificationRequest.class), null, clock.instant());
    }

    /**
     * The request (read strictly by StrictJson) checked, or a 400 naming every field that is wrong; its
     * notificationId follows from the eventId within {@code eventScope} (ValidNotification.idOf),
     * its sendAt is judged against {@code madeAt}.
     */
    private ValidNotification validated(NotificationRequest request, String eventScope, Instant madeAt) {
        List<FieldError> errors = new ArrayList<>();

        String eventId = request.eventId();
        if (eventId == null || eventId.isBlank()) {
            errors.add(new FieldError("eventId", "is required: the caller's unique id for this event, used to drop repeats"));
        } else if (eventId.length() > MAX_EVENT_ID) {
            errors.add(new FieldError("eventId", "must be at most " + MAX_EVENT_ID + " characters"));
        }
        PlainText.checkIdentifier("eventId", eventId, errors);

        List<String> userIds = userIds(request, errors);

        String category = request.category();
        if (category != null && !Preferences.CATEGORY.matcher(category).matches()) {
            errors.add(new FieldError("category", "must be 1-64 of A-Z a-z 0-9 . _ -"));
        }

        // none named: the category's default channels, or all (fan-out decides, CategoryDefaults); each
        // check below holds for every channel it may become
        Set<Channel> channels = EnumSet.allOf(Channel.class);
        if (request.channels() != null) {
            channels = EnumSet.noneOf(Channel.class);
            for (int i = 0; i < request.channels().size(); i++) {
                try {
                    channels.add(Channel.of(request.channels().get(i)));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("channels[" + i + "]", e.getMessage()));
                }
            }
            if (request.channels().isEmpty()) {
                errors.add(new FieldError("channels", "must name at least one channel, or be left out for all"));
            }
        }

        TemplateUse template = null;
        if (request.template() != null) {
            if (request.title() != null || request.body() != null) {
                errors.add(new FieldError("template", "give either a template (with params) or title and body, not both"));
            }
            TemplateVersion version = templateVersion(request.template(), errors);
            if (version != null) {
                channels = version.channels(request.channels() == null ? null : channels, errors);
                category = category == null ? version.category() : category;
                Map<String, Object> params = Params.checked(request.params(), errors);
                errors.addAll(version.missing(channels, params));
                template = new TemplateUse(version.templateId(), version.version(), params);
            }
        } else {
            if (request.params() != null) {
                errors.add(new FieldError("params", "go with a template; without one, give title and body"));
            }
            if (request.title() != null && request.title().length() > MAX_TITLE) {
                errors.add(new FieldError("title", "must be at most " + MAX_TITLE + " characters"));
            }
            PlainText.checkOneLine("title", request.title(), errors);
            if (request.body() == null || request.body().isBlank()) {
                errors.add(new FieldError("body", "is required (or a template with its params)"));
            }
            PlainText.checkMessage("body", request.body(), errors);
        }

        Map<String, String> data = new LinkedHashMap<>();
        if (request.data() != null) {
            request.data().forEach((key, value) -> {
                PlainText.checkIdentifier("data." + key, key, errors);
                if (value instanceof String text) {
                    PlainText.checkMessage("data." + key, text, errors);
                    data.put(key, text);
                } else {
                    errors.add(new FieldError("data." + key, "must be a string (got " + jsonType(value) + ")"));
                }
            });
        }

        // none named: the category's, or high (fan-out decides)
        Priority priority = null;
        if (request.priority() != null) {
            try {
                priority = Priority.valueOf(request.priority().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("priority", "must be high, normal or bulk"));
            }
        }

        Integer ttl = request.ttlSeconds();
        if (ttl != null && (ttl < 1 || ttl > MAX_TTL_SECONDS)) {
            errors.add(new FieldError("ttlSeconds", "must be between 1 and " + MAX_TTL_SECONDS + " (28 days)"));
        }

        Instant sendAt = sendAt(request.sendAt(), madeAt, errors);

        String collapseKey = request.collapseKey();
        if (collapseKey != null && (collapseKey.isBlank()
                || collapseKey.getBytes(StandardCharsets.UTF_8).length > MAX_COLLAPSE_KEY_BYTES)) {
            errors.add(new FieldError("collapseKey", "must be 1 to " + MAX_COLLAPSE_KEY_BYTES
                    + " bytes (APNs' limit for apns-collapse-id)"));
        }
        PlainText.checkIdentifier("collapseKey", collapseKey, errors);
        for (String reserved : List.of("aps", "notify")) {
            if (data.containsKey(reserved)) {
                errors.add(new FieldError("data." + reserved, "is reserved for the push payload"));
            }
        }
        for (String key : data.keySet()) {
            if (key.startsWith(FcmMessages.RESERVED_PREFIX)) {
                errors.add(new FieldError("data." + key, "is reserved: keys starting with '" + FcmMessages.RESERVED_PREFIX
                        + "' carry the hub's ids in push data"));
            } else if (FcmMessages.isReservedByFcm(key)) {
                errors.add(new FieldError("data." + key,
                        "is reserved by FCM, which refuses 'from', 'message_type' and keys starting with 'google' or 'gcm'"));
            }
        }
        // Pushy refuses to build a payload with a custom "aps" key; that key is named above instead.
        // A template's wording is measured when it is rendered, per locale (routes.template.ChannelFit).
        if (channels.contains(Channel.PUSH) && request.body() != null && !data.containsKey("aps")) {
            int size = ApnsPayloads.sizeOf(request.title(), request.body(), data,
                    Boolean.TRUE.equals(request.background()));
            if (size > ApnsPayloads.MAX_BYTES) {
                errors.add(new FieldError("body", "with title and data makes a push payload of " + size
                        + " bytes; APNs takes at most " + ApnsPayloads.MAX_BYTES));
            }
        }

        // Checked against the primary: the secondary only takes over what it can carry too.
        if (channels.contains(Channel.SMS) && request.body() != null) {
            primarySms.misfits(request.title(), request.body())
                    .forEach(misfit -> errors.add(new FieldError(misfit.field(), misfit.problem())));
        }

        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        // a template's channels are its own when none are named: a category's defaults could name
        // one it has no wording for
        return new ValidNotification(ValidNotification.idOf(eventScope, eventId), eventId, userIds, category,
                request.channels() == null && template == null ? null : channels,
                request.title(), request.body(), data, priority, ttl, collapseKey,
                Boolean.TRUE.equals(request.background()), template, sendAt);
    }

    /**
     * The template's current version, from the cache; null, with the reason named, when there is
     * none to use. That templates cannot be read now is no fault of the request: it is thrown.
     */
    private TemplateVersion templateVersion(String templateId, List<FieldError> errors) {
        try {
            return templates.current(templateId, "template");
        } catch (TemplatesUnavailable away) {
            throw away;
        } catch (ApiProblem unusable) {
            errors.addAll(unusable.errors());
            return null;
        }
    }

    /**
     * When a scheduled notification is to be sent: an instant (an offset other than Z is
     * converted), after the request was made and at most {@link #MAX_SCHEDULE_AHEAD} after; null
     * for at once.
     */
    private static Instant sendAt(String text, Instant now, List<FieldError> errors) {
        if (text == null) {
            return null;
        }
        Instant sendAt;
        try {
            sendAt = Instant.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("sendAt", "must be an ISO-8601 instant, such as 2030-01-01T09:00:00Z"));
            return null;
        }
        if (!sendAt.isAfter(now)) {
            errors.add(new FieldError("sendAt", "must be in the future (leave it out to send at once)"));
        } else if (sendAt.isAfter(now.plus(MAX_SCHEDULE_AHEAD))) {
            errors.add(new FieldError("sendAt", "must be at most " + MAX_SCHEDULE_AHEAD.toDays() + " days ahead"));
        }
        return sendAt;
    }

    /**
     * The eventId namespace of the client whose key the request carried (authentication leaves the
     * client on the servlet request); none for the configured client and for records on
     * notify.requests.
     */
    private static String eventScope(Exchange exchange) {
        Caller caller = Caller.of(exchange);
        return caller == null ? null : caller.eventScope();
    }

    /**
     * When the request was made: now for a REST request, when it was written for a record on
     * notify.requests, so that a record read late (intake lagging, or down a while) is judged as its
     * producer sent it, not refused for a sendAt that has passed meanwhile (it is then sent at once).
     */
    private Instant madeAt(Exchange exchange) {
        Instant now = clock.instant();
        // a REST request's headers are the client's: only a record's timestamp is read
        Long written = exchange.getMessage().getHeader(Exchange.HTTP_SERVLET_REQUEST) != null ? null
                : exchange.getMessage().getHeader(KafkaConstants.TIMESTAMP, Long.class);
        return written == null ? now : Instant.ofEpochMilli(Math.min(written, now.toEpochMilli()));
    }

    private static List<String> userIds(NotificationRequest request, List<FieldError> errors) {
        if (request.userId() != null && request.userIds() != null) {
            errors.add(new FieldError("userIds", "give either userId or userIds, not both"));
            return List.of();
        }
        if (request.userId() != null) {
            if (!Contacts.isUserId(request.userId())) {
                errors.add(new FieldError("userId", "must be 1-128 characters of A-Z a-z 0-9 . _ : @ -"));
            }
            return List.of(request.userId());
        }
        if (request.userIds() == null) {
            errors.add(new FieldError("userId", "is required (or userIds, up to " + MAX_USERS + ")"));
            return List.of();
        }
        if (request.userIds().isEmpty() || request.userIds().size() > MAX_USERS) {
            errors.add(new FieldError("userIds", "must hold 1 to " + MAX_USERS + " user ids, got "
                    + request.userIds().size()));
            return List.of();
        }
        Set<String> unique = new LinkedHashSet<>();
        for (int i = 0; i < request.userIds().size(); i++) {
            String userId = request.userIds().get(i);
            if (!Contacts.isUserId(userId)) {
                errors.add(new FieldError("userIds[" + i + "]", "must be 1-128 characters of A-Z a-z 0-9 . _ : @ -"));
            }
            unique.add(userId);
        }
        return List.copyOf(unique);
    }

    private static String jsonType(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        return value instanceof Map ? "object" : value instanceof List ? "array" : value.getClass().getSimpleName();
    }
}
