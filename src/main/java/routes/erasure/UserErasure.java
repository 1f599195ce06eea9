package routes.erasure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import routes.audit.AuditLog;
import routes.audit.AuditLog.Action;
import routes.schedule.ScheduledNotifications;
import routes.user.Contacts;
import routes.user.Recipients;

/**
 * Erases a user ({@code DELETE /users/{userId}}): the profile with its devices and preferences, the
 * user's deliveries in the delivery log with their outcomes and events, their dead letters, the
 * notifications addressed to them alone, and their id from notifications shared with others (whose
 * content stays: it is the others' too), scheduled ones not yet sent included. All in one transaction with the audit entry and the
 * user's row in {@code user_erasure}; once that is committed, this instance reads the erased users
 * again and every other is told, so that none sends what was accepted for the user before.
 *
 * <p>The delivery log has no index by user: every delivery logged would pay for one, and a bulk
 * notification's thousand deliveries would touch a thousand of its pages. An erasure reads the
 * whole log once instead. An unknown user is erased all the same: deliveries are logged for a
 * userId that has no profile, and a repeated request must succeed.
 */
@Component("userErasure")
public class UserErasure {

    private static final Logger log = LoggerFactory.getLogger(UserErasure.class);
    private static final int IDS_PER_STATEMENT = 500;

    private final JdbcClient db;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final AuditLog audit;
    private final ErasedUsers erasedUsers;
    private final Recipients recipients;
    private final ScheduledNotifications scheduled;

    public UserErasure(JdbcClient db, TransactionTemplate tx, ObjectMapper json, AuditLog audit,
            ErasedUsers erasedUsers, Recipients recipients, ScheduledNotifications scheduled) {
        this.db = db;
        this.tx = tx;
        this.json = json;
        this.audit = audit;
        this.erasedUsers = erasedUsers;
        this.recipients = recipients;
        this.scheduled = scheduled;
    }

    public void erase(@Header("userId") String userId, Exchange exchange) {
        Contacts.requireUserId(userId);
        try {
            tx.executeWithoutResult(status -> erase(userId, OffsetDateTime.now(ZoneOffset.UTC), exchange));
        } catch (DuplicateKeyException erasedMeanwhile) {
            // a concurrent erasure of the same user committed its row first: this one now updates it
            tx.executeWithoutResult(status -> erase(userId, OffsetDateTime.now(ZoneOffset.UTC), exchange));
        }
        erasedUsers.reload();
        recipients.forgetErased(userId);
    }

    private void erase(String userId, OffsetDateTime now, Exchange exchange) {
        List<String> deliveries = new ArrayList<>();
        // sorted: concurrent erasures lock the notifications they share in one order
        SortedSet<String> notifications = new TreeSet<>();
        db.sql("select delivery_id, notification_id from delivery where user_id = ?")
                .param(userId)
                .query(rs -> {
                    deliveries.add(rs.getString(1));
                    notifications.add(rs.getString(2));
                });
        for (List<String> ids : chunks(deliveries)) {
            for (String table : List.of("delivery_event", "delivery_outcome", "deferred_delivery", "delivery")) {
                db.sql("delete from " + table + " where delivery_id in (:ids)").param("ids", ids).update();
            }
        }
        int alone = 0;
        for (List<String> ids : chunks(new ArrayList<>(notifications))) {
            alone += leave(userId, ids);
        }
        alone += scheduled.leave(userId);
        int deadLetters = db.sql("delete from dead_letter where user_id = ?").param(userId).update();
        // devices, preferences and quiet hours go with the profile (on delete cascade)
        db.sql("delete from notify_user where user_id = ?").param(userId).update();
        if (db.sql("update user_erasure set erased_at = ? where user_id = ?").params(now, userId).update() == 0) {
            db.sql("insert into user_erasure (user_id, erased_at) values (?, ?)").params(userId, now).update();
        }
        audit.record(exchange, Action.USER_ERASED, userId);
        log.info("Erased a user: {} deliveries, {} notifications to them alone, {} dead letters",
                deliveries.size(), alone, deadLetters);
    }

    /**
     * Takes the user out of these notifications: one to them alone is deleted, one shared keeps
     * its content for the others. Answers how many were deleted.
     */
    private int leave(String userId, List<String> notificationIds) {
        List<Map.Entry<String, String>> rows = db.sql("select notification_id, user_ids from notification "
                        + "where notification_id in (:ids) order by notification_id for update")
                .param("ids", notificationIds)
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list();
        int deleted = 0;
        for (Map.Entry<String, String> notification : rows) {
            List<String> others = usersOf(notification.getValue()).stream().filter(user -> !user.equals(userId)).toList();
            if (others.isEmpty()) {
                deleted += db.sql("delete from notification where notification_id = ?").param(notification.getKey())
                        .update();
            } else {
                db.sql("update notification set user_ids = ? where notification_id = ?")
                        .params(write(others), notification.getKey()).update();
            }
        }
        return deleted;
    }

    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_STATEMENT) {
            chunks.add(ids.subList(from, Math.min(from + IDS_PER_STATEMENT, ids.size())));
        }
        return chunks;
    }

    private List<String> usersOf(String userIds) {
        try {
            return json.readValue(userIds, new TypeReference<>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored user_ids are not a JSON list: " + userIds, e);
        }
    }

    private String write(List<String> userIds) {
        try {
            return json.writeValueAsString(userIds);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write user_ids", e);
        }
    }
}
