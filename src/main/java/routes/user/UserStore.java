package routes.user;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import routes.api.ApiProblem;
import routes.api.ApiProblem.FieldError;
import routes.api.PlainText;
import routes.api.StrictJson;
import routes.delivery.Channel;
import routes.delivery.Delivery;
import routes.delivery.DeliveryResult;

/** Users, their devices and their preferences; every change drops the user's cached recipient. */
@Component("users")
public class UserStore {

    /** The answer to a device registration; {@code created} picks 201 over 200 and is not shown. */
    public record Registered(String deviceId, Platform platform, @JsonIgnore boolean created) {}

    private final JdbcClient db;
    private final Recipients recipients;

    public UserStore(JdbcClient db, Recipients recipients) {
        this.db = db;
        this.recipients = recipients;
    }

    @Transactional
    public UserView upsert(@Header("userId") String userId, @Body String json) {
        Contacts.requireUserId(userId);
        UserProfile profile = StrictJson.read(json, UserProfile.class);
        List<FieldError> errors = new ArrayList<>();
        Contacts.checkProfile(profile, errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        OffsetDateTime now = now();
        int updated = db.sql("update notify_user set email = ?, phone = ?, locale = ?, timezone = ?, updated_at = ? "
                        + "where user_id = ?")
                .params(profile.email(), profile.phone(), profile.locale(), profile.timezone(), now, userId)
                .update();
        if (updated == 0) {
            db.sql("insert into notify_user (user_id, email, phone, locale, timezone, created_at, updated_at) "
                            + "values (?, ?, ?, ?, ?, ?, ?)")
                    .params(userId, profile.email(), profile.phone(), profile.locale(), profile.timezone(), now, now)
                    .update();
        }
        recipients.forget(userId);
        return find(userId);
    }

    public UserView find(@Header("userId") String userId) {
        Contacts.requireUserId(userId);
        var user = db.sql("select user_id, email, phone, locale, timezone, created_at, updated_at "
                        + "from notify_user where user_id = ?")
                .param(userId)
                .query((rs, i) -> new UserView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), List.of(), Preferences.ALLOW_ALL,
                        rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class)))
                .optional()
                .orElseThrow(() -> ApiProblem.notFound("No user '" + userId + "'"));
        List<UserView.DeviceView> devices = db.sql("select device_id, platform, token, active, created_at, updated_at "
                        + "from device where user_id = ? order by created_at")
                .param(userId)
                .query((rs, i) -> new UserView.DeviceView(rs.getString(1), Platform.of(rs.getString(2)),
                        Contacts.mask(rs.getString(3)), rs.getBoolean(4),
                        rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class)))
                .list();
        return new UserView(user.userId(), user.email(), user.phone(), user.locale(), user.timezone(), devices,
                preferencesOf(db, userId), user.createdAt(), user.updatedAt());
    }

    /** Registering a known token again answers the same device; a token from another user moves here. */
    @Transactional
    public Registered registerDevice(@Header("userId") String userId, @Body String json) {
        requireUser(userId);
        DeviceRegistration registration = StrictJson.read(json, DeviceRegistration.class);
        List<FieldError> errors = new ArrayList<>();
        if (registration.platform() == null) {
            errors.add(new FieldError("platform", "is required: ios, android, macos or web"));
        }
        String token = registration.token();
        if (token == null || token.isBlank()) {
            errors.add(new FieldError("token", "is required"));
        } else if (token.length() > 1024 || !token.strip().equals(token)) {
            errors.add(new FieldError("token", "must be at most 1024 characters without surrounding spaces"));
        }
        PlainText.checkIdentifier("token", token, errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        OffsetDateTime now = now();
        Optional<String[]> existing = db.sql("select device_id, user_id from device where token = ?")
                .param(token)
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)})
                .optional();
        if (existing.isPresent()) {
            String deviceId = existing.get()[0];
            String previousOwner = existing.get()[1];
            db.sql("update device set user_id = ?, platform = ?, active = true, updated_at = ? where device_id = ?")
                    .params(userId, registration.platform().wire(), now, deviceId)
                    .update();
            recipients.forget(previousOwner);
            recipients.forget(userId);
            return new Registered(deviceId, registration.platform(), false);
        }
        String deviceId = UUID.randomUUID().toString();
        db.sql("insert into device (device_id, user_id, platform, token, active, created_at, updated_at) "
                        + "values (?, ?, ?, ?, true, ?, ?)")
                .params(deviceId, userId, registration.platform().wire(), token, now, now)
                .update();
        recipients.forget(userId);
        return new Registered(deviceId, registration.platform(), true);
    }

    /** The devices whose token a provider said is dead: kept, inactive, and never sent to again. */
    public void deactivateGoneDevices(@Body List<DeliveryResult> results) {
        for (DeliveryResult result : results) {
            if (result.recipientGone()) {
                Delivery delivery = result.delivery();
                db.sql("update device set active = false, updated_at = ? where user_id = ? and token = ?")
                        .params(now(), delivery.userId(), delivery.recipient())
                        .update();
                recipients.forget(delivery.userId());
            }
        }
    }

    public void deleteDevice(@Header("userId") String userId, @Header("deviceId") String deviceId) {
        Contacts.requireUserId(userId);
        int deleted = db.sql("delete from device where user_id = ? and device_id = ?")
                .params(userId, deviceId)
                .update();
        if (deleted == 0) {
            throw ApiProblem.notFound("No device '" + deviceId + "' for user '" + userId + "'");
        }
        recipients.forget(userId);
    }

    @Transactional
    public Preferences putPreferences(@Header("userId") String userId, @Body String json) {
        requireUser(userId);
        Preferences preferences = StrictJson.read(json, Preferences.class).validated();
        db.sql("delete from channel_preference where user_id = ?").param(userId).update();
        insertRules(userId, "", preferences.channels());
        preferences.categories().forEach((category, rules) -> insertRules(userId, category, rules));
        db.sql("delete from quiet_hours where user_id = ?").param(userId).update();
        QuietHours quiet = preferences.quietHours();
        if (quiet != null) {
            db.sql("insert into quiet_hours (user_id, starts_at, ends_at, channels) values (?, ?, ?, ?)")
                    .params(userId, quiet.start(), quiet.end(), quiet.storedChannels())
                    .update();
        }
        recipients.forget(userId);
        return preferencesOf(db, userId);
    }

    public Preferences getPreferences(@Header("userId") String userId) {
        requireUser(userId);
        return preferencesOf(db, userId);
    }

    static Preferences preferencesOf(JdbcClient db, String userId) {
        Map<String, Boolean> channels = new LinkedHashMap<>();
        Map<String, Map<String, Boolean>> categories = new LinkedHashMap<>();
        db.sql("select category, channel, allowed from channel_preference where user_id = ? order by category, channel")
                .param(userId)
                .query(rs -> {
                    String category = rs.getString(1);
                    Map<String, Boolean> rules = category.isEmpty()
                            ? channels : categories.computeIfAbsent(category, c -> new LinkedHashMap<>());
                    rules.put(rs.getString(2), rs.getBoolean(3));
                });
        QuietHours quiet = db.sql("select starts_at, ends_at, channels from quiet_hours where user_id = ?")
                .param(userId)
                .query((rs, i) -> new QuietHours(rs.getString(1), rs.getString(2), List.of(rs.getString(3).split(","))))
                .optional()
                .orElse(null);
        return new Preferences(channels, categories, quiet);
    }

    private void insertRules(String userId, String category, Map<String, Boolean> rules) {
        rules.forEach((channel, allowed) -> db.sql(
                        "insert into channel_preference (user_id, category, channel, allowed) values (?, ?, ?, ?)")
                .params(userId, category, Channel.of(channel).wire(), allowed)
                .update());
    }

    private void requireUser(String userId) {
        Contacts.requireUserId(userId);
        boolean exists = db.sql("select count(*) from notify_user where user_id = ?")
                .param(userId).query(Integer.class).single() > 0;
        if (!exists) {
            throw ApiProblem.notFound("No user '" + userId + "'; create it with PUT /api/v1/users/" + userId);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
