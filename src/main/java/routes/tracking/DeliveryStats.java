package routes.tracking;

import static routes.delivery.DeliveryLog.CURRENT;
import static routes.delivery.DeliveryLog.current;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Header;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import routes.api.ApiProblem;
import routes.api.ApiProblem.FieldError;
import routes.delivery.Channel;

/**
 * {@code GET /stats}: per channel, how many deliveries (created between {@code from} and {@code to},
 * of one {@code category} if given) reached each status, how many were reported delivered, opened
 * and clicked, and the open and click rates over those sent.
 */
@Component("deliveryStats")
public class DeliveryStats {

    public record ChannelStats(long total, Map<String, Long> statuses, Map<String, Long> events, Double openRate,
            Double clickRate) {}

    public record Stats(Instant from, Instant to, String category, Map<String, ChannelStats> channels) {}

    private static final Duration DEFAULT_PERIOD = Duration.ofDays(1);

    private final JdbcClient db;

    public DeliveryStats(JdbcClient db) {
        this.db = db;
    }

    public Stats stats(@Header("from") String from, @Header("to") String to, @Header("category") String category) {
        List<FieldError> errors = new ArrayList<>();
        Instant until = instant("to", to, Instant.now(), errors);
        Instant since = instant("from", from, until.minus(DEFAULT_PERIOD), errors);
        if (errors.isEmpty() && !since.isBefore(until)) {
            errors.add(new FieldError("from", "must be before to"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        String filter = " from delivery d join notification n on n.notification_id = d.notification_id "
                + "where d.created_at >= :from and d.created_at < :to"
                + (category == null || category.isBlank() ? "" : " and n.category = :category");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("from", OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
        parameters.put("to", OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
        if (filter.contains(":category")) {
            parameters.put("category", category);
        }
        // each delivery as its current state: its outcome if a worker recorded one
        Map<String, Map<String, Long>> statuses = counts("select d.channel, " + current("status") + ", count(*)"
                + filter.replace("from delivery d", "from " + CURRENT)
                + " group by d.channel, " + current("status"), parameters);
        Map<String, Map<String, Long>> events = counts("select d.channel, e.type, count(*)"
                + filter.replace("from delivery d", "from delivery_event e join delivery d on d.delivery_id = e.delivery_id")
                + " group by d.channel, e.type", parameters);

        Map<String, ChannelStats> channels = new LinkedHashMap<>();
        for (Channel channel : Channel.values()) {
            Map<String, Long> byStatus = statuses.getOrDefault(channel.wire(), Map.of());
            Map<String, Long> byEvent = new LinkedHashMap<>();
            for (EventType type : EventType.values()) {
                byEvent.put(type.wire(), events.getOrDefault(channel.wire(), Map.of()).getOrDefault(type.wire(), 0L));
            }
            long sent = byStatus.getOrDefault("sent", 0L);
            channels.put(channel.wire(), new ChannelStats(byStatus.values().stream().mapToLong(Long::longValue).sum(),
                    byStatus, byEvent, rate(byEvent.get("opened"), sent), rate(byEvent.get("clicked"), sent)));
        }
        return new Stats(since, until, category, channels);
    }

    private Map<String, Map<String, Long>> counts(String sql, Map<String, Object> parameters) {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        db.sql(sql).params(parameters).query((rs, i) -> counts
                .computeIfAbsent(rs.getString(1), c -> new TreeMap<>())
                .put(rs.getString(2).toLowerCase(Locale.ROOT), rs.getLong(3))).list();
        return counts;
    }

    /** Over deliveries sent; none when nothing was sent. */
    private static Double rate(long events, long sent) {
        return sent == 0 ? null : (double) events / sent;
    }

    private static Instant instant(String field, String value, Instant otherwise, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z"));
            return otherwise;
        }
    }
}
