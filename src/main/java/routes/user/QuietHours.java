package routes.user;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import routes.api.ApiProblem.FieldError;
import routes.delivery.Channel;

/**
 * A user's quiet hours: from {@code start} to {@code end} (HH:mm, the user's local time; a window
 * across midnight when end comes first) nothing is sent on {@code channels} (push and sms unless
 * named). A delivery that falls inside waits for the window's end.
 */
public record QuietHours(String start, String end, List<String> channels) {

    static final List<String> HELD_BY_DEFAULT = List.of(Channel.PUSH.wire(), Channel.SMS.wire());
    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    public QuietHours {
        channels = channels == null ? HELD_BY_DEFAULT : channels;
    }

    public boolean holds(Channel channel) {
        return channels.contains(channel.wire());
    }

    /**
     * When the window {@code now} falls in ends, in {@code zone}; empty when {@code now} is outside
     * it. An end that does not exist that day (skipped by a DST change) is the moment the clocks
     * jump past it; one that exists twice (clocks turned back) is its first occurrence still ahead.
     */
    public Optional<Instant> endOfWindowAt(Instant now, ZoneId zone) {
        LocalTime from = LocalTime.parse(start);
        LocalTime to = LocalTime.parse(end);
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        LocalDate today = local.toLocalDate();
        LocalDate endsOn;
        if (from.isBefore(to)) {
            if (time.isBefore(from) || !time.isBefore(to)) {
                return Optional.empty();
            }
            endsOn = today;
        } else if (!time.isBefore(from)) {
            endsOn = today.plusDays(1);
        } else if (time.isBefore(to)) {
            endsOn = today;
        } else {
            return Optional.empty();
        }
        LocalDateTime endsAt = endsOn.atTime(to);
        ZoneOffsetTransition transition = zone.getRules().getTransition(endsAt);
        if (transition != null && transition.isGap()) {
            return Optional.of(transition.getInstant());
        }
        ZonedDateTime first = ZonedDateTime.of(endsAt, zone);
        if (first.toInstant().isAfter(now)) {
            return Optional.of(first.toInstant());
        }
        Instant second = first.withLaterOffsetAtOverlap().toInstant();
        return second.isAfter(now) ? Optional.of(second) : Optional.empty();
    }

    void check(List<FieldError> errors) {
        checkTime("quietHours.start", start, errors);
        checkTime("quietHours.end", end, errors);
        if (start != null && start.equals(end)) {
            errors.add(new FieldError("quietHours.end", "must differ from start"));
        }
        if (channels.isEmpty()) {
            errors.add(new FieldError("quietHours.channels", "must name at least one channel, or be left out for push and sms"));
        }
        for (int i = 0; i < channels.size(); i++) {
            try {
                Channel.of(channels.get(i));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("quietHours.channels[" + i + "]", e.getMessage()));
            }
        }
    }

    private static void checkTime(String field, String time, List<FieldError> errors) {
        if (time == null) {
            errors.add(new FieldError(field, "is required: a local time HH:mm, for example 22:00"));
        } else if (!HH_MM.matcher(time).matches()) {
            errors.add(new FieldError(field, "must be a local time HH:mm from 00:00 to 23:59"));
        }
    }

    /** The window as stored: channels as one comma-separated column. */
    @JsonIgnore
    String storedChannels() {
        return String.join(",", channels);
    }
}
