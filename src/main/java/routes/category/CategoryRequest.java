package routes.category;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import routes.api.ApiProblem;
import routes.api.ApiProblem.FieldError;
import routes.delivery.Channel;
import routes.notification.Priority;

/** Body of {@code PUT /categories/{category}}, as sent; every field optional. */
record CategoryRequest(String priority, Boolean bypassQuietHours, List<Cap> caps, List<String> defaultChannels) {

    record Cap(String channel, Integer max, String per) {}

    static final Duration LONGEST_WINDOW = Duration.ofDays(31);

    /** The category this request describes, or a 400 naming every field that is wrong. */
    Category validated(String name) {
        List<FieldError> errors = new ArrayList<>();
        Priority parsedPriority = null;
        if (priority != null) {
            try {
                parsedPriority = Priority.valueOf(priority.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("priority", "must be high, normal or bulk"));
            }
        }
        List<FrequencyCap> parsedCaps = new ArrayList<>();
        Set<Channel> capped = new LinkedHashSet<>();
        List<Cap> given = caps == null ? List.of() : caps;
        for (int i = 0; i < given.size(); i++) {
            FrequencyCap cap = capOf(given.get(i), "caps[" + i + "]", errors);
            if (cap != null && !capped.add(cap.channel())) {
                errors.add(new FieldError("caps[" + i + "].channel", "has a cap already; one cap per channel"));
            } else if (cap != null) {
                parsedCaps.add(cap);
            }
        }
        Set<Channel> channels = new LinkedHashSet<>();
        List<String> givenChannels = defaultChannels == null ? List.of() : defaultChannels;
        for (int i = 0; i < givenChannels.size(); i++) {
            try {
                channels.add(Channel.of(givenChannels.get(i)));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("defaultChannels[" + i + "]", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return new Category(name, parsedPriority, Boolean.TRUE.equals(bypassQuietHours), parsedCaps,
                List.copyOf(channels));
    }

    private static FrequencyCap capOf(Cap cap, String field, List<FieldError> errors) {
        if (cap == null) {
            errors.add(new FieldError(field, "must be an object {channel, max, per}"));
            return null;
        }
        int before = errors.size();
        Channel channel = null;
        if (cap.channel() == null) {
            errors.add(new FieldError(field + ".channel", "is required: push, sms or email"));
        } else {
            try {
                channel = Channel.of(cap.channel());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field + ".channel", e.getMessage()));
            }
        }
        if (cap.max() == null || cap.max() < 0) {
            errors.add(new FieldError(field + ".max", "must be a whole number, 0 or more"));
        }
        Duration window = null;
        if (cap.per() == null) {
            errors.add(new FieldError(field + ".per", "is required: an ISO-8601 duration such as PT24H or P1D"));
        } else {
            try {
                window = Duration.parse(cap.per());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(field + ".per", "must be an ISO-8601 duration such as PT24H or P1D"));
            }
            if (window != null && (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(LONGEST_WINDOW) > 0)) {
                errors.add(new FieldError(field + ".per", "must be between PT1S and P31D"));
            }
        }
        return errors.size() > before ? null : new FrequencyCap(channel, cap.max(), window.toString());
    }
}
