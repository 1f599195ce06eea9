package routes.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import routes.deferral.DueRows;
import routes.notification.AcceptedNotification;

/**
 * Notifications to be sent later, held in the database until their sendAt: one row per
 * notification however many users it names, nothing in memory while it waits, and nothing
 * republished until it is due. Fan-out keeps each as the record notify.accepted gets again once
 * due, and fans out the rest; the route release-scheduled claims the due ones, publishes them and
 * forgets them, in one transaction. Fan-out then meets them due and treats them as any other.
 */
@Component("scheduledNotifications")
public class ScheduledNotifications {

    /** The exchange property naming the notifications a release claimed. */
    public static final String CLAIMED = "claimedSchedules";

    /** Marks a record a release published: fan-out sends it, whatever its own clock reads. */
    public static final String RELEASED = "notify.released";

    // portable insert-if-absent: fan-out re-reading its batch after a crash keeps each notification once
    private static final String KEEP = """
            insert into scheduled_notification (notification_id, event_id, due_at, record)
            select v.notification_id, v.event_id, v.due_at, v.record
            from (values (?, ?, cast(? as timestamp with time zone), ?)) as v (notification_id, event_id, due_at, record)
            where not exists (select 1 from scheduled_notification k where k.notification_id = v.notification_id)""";

    private final JdbcClient db;
    private final JdbcTemplate jdbc;
    private final ObjectWriter notificationWriter;
    private final ObjectReader notificationReader;
    private final Clock clock;
    private final ScheduleSettings settings;
    private final DueRows held;

    public ScheduledNotifications(JdbcClient db, JdbcTemplate jdbc, ObjectMapper json, Clock clock,
            ScheduleSettings settings) {
        this.db = db;
        this.held = new DueRows(db, "scheduled_notification", "notification_id");
        this.jdbc = jdbc;
        this.notificationWriter = json.writerFor(AcceptedNotification.class);
        this.notificationReader = json.readerFor(AcceptedNotification.class);
        this.clock = clock;
        this.settings = settings;
    }

    /** The notifications held until their sendAt, as rows (their count and delay are metrics). */
    public DueRows held() {
        return held;
    }

    /**
     * Fan-out's step: every notification whose sendAt is still ahead kept until then; the others,
     * due now, go on to be fanned out. One a release published ({@value #RELEASED}, among the
     * polled {@code records}) is due, though this instance's clock may lag the releasing one's.
     */
    public List<AcceptedNotification> hold(@Body List<AcceptedNotification> notifications,
            @ExchangeProperty("polledRecords") List<Exchange> records) throws JsonProcessingException {
        Instant now = clock.instant();
        Set<String> released = releasedAmong(records);
        List<AcceptedNotification> due = new ArrayList<>(notifications.size());
        List<Object[]> rows = new ArrayList<>();
        for (AcceptedNotification notification : notifications) {
            if (notification.isDueAfter(now) && !released.contains(notification.notificationId())) {
                rows.add(new Object[] {notification.notificationId(), notification.eventId(),
                        notification.sendAt().atOffset(ZoneOffset.UTC), notificationWriter.writeValueAsString(notification)});
            } else {
                due.add(notification);
            }
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(KEEP, rows);
        }
        return due;
    }

    /** The notificationIds (the records' keys) of the polled records a release published. */
    private static Set<String> releasedAmong(List<Exchange> records) {
        Set<String> released = new HashSet<>();
        for (Exchange record : records) {
            if (record.getMessage().getHeader(RELEASED) != null) {
                released.add(record.getMessage().getHeader(KafkaConstants.KEY, String.class));
            }
        }
        return released;
    }

    /**
     * The due notifications, oldest first, claimed for this transaction (rows another instance
     * claimed are skipped, not waited for), as records for notify.accepted (or its bulk lane) keyed
     * by notificationId as intake keys them. One published twice (a release that did not commit) is
     * recorded once and delivered once: fan-out tells it was recorded before. Their ids are left in
     * {@value #CLAIMED}.
     */
    public List<Message> due(Exchange release) {
        List<Message> records = new ArrayList<>();
        List<String> claimed = held.claim(clock.instant(), settings.batch(), "record", rs -> {
            Message record = new DefaultMessage(release);
            record.setBody(rs.getString(2));
            record.setHeader(KafkaConstants.KEY, rs.getString(1));
            record.setHeader(RELEASED, "true");
            records.add(record);
        });
        release.setProperty(CLAIMED, claimed);
        return records;
    }

    /**
     * The claimed records of one fan-out lane, as intake chose it: {@code bulk} for those that name
     * priority normal or bulk ({@link AcceptedNotification#fannedOutInBulk}), {@code urgent} for the
     * others.
     */
    public List<Message> ofLane(List<Message> claimed, String lane) {
        boolean bulk = "bulk".equals(lane);
        return claimed.stream()
                .filter(record -> read(record.getBody(String.class)).fannedOutInBulk() == bulk)
                .toList();
    }

    /**
     * The claimed notifications are on their lanes of notify.accepted: forgotten here, as the
     * transaction commits.
     */
    public void released(@ExchangeProperty(CLAIMED) List<String> claimed) {
        held.forget(claimed);
    }

    /**
     * Takes an erased user out of the scheduled notifications (in the erasure's transaction): one to
     * them alone is deleted, one shared is kept for the others. Answers how many were deleted. The
     * records are searched for the quoted id (a user id holds no character JSON escapes, and of
     * LIKE's wildcards only {@code _}), then read.
     */
    public int leave(String userId) {
        String quoted = "%\"" + userId.replace("_", "\\_") + "\"%";
        List<String[]> rows = db.sql("select notification_id, record from scheduled_notification "
                        + "where record like ? escape '\\' order by notification_id for update")
                .param(quoted)
                .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
        int deleted = 0;
        for (String[] row : rows) {
            AcceptedNotification notification = read(row[1]);
            if (!notification.userIds().contains(userId)) {
                continue;
            }
            List<String> others = notification.userIds().stream().filter(user -> !user.equals(userId)).toList();
            if (others.isEmpty()) {
                deleted += db.sql("delete from scheduled_notification where notification_id = ?").param(row[0]).update();
            } else {
                db.sql("update scheduled_notification set record = ? where notification_id = ?")
                        .params(write(notification.to(others)), row[0])
                        .update();
            }
        }
        return deleted;
    }

    private AcceptedNotification read(String record) {
        try {
            return notificationReader.readValue(record);
        } catch (IOException e) {
            throw new IllegalStateException("Stored scheduled notification is not one: " + record, e);
        }
    }

    private String write(AcceptedNotification notification) {
        try {
            return notificationWriter.writeValueAsString(notification);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write scheduled notification " + notification.notificationId(), e);
        }
    }
}
