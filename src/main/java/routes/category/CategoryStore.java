package routes.category;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import routes.api.ApiProblem;
import routes.api.StrictJson;
import routes.audit.AuditLog;
import routes.user.Preferences;

/** The categories API: each change audited, and dropped from every instance's cache once committed. */
@Component("categoryStore")
public class CategoryStore {

    public record Listing(int count, List<Category> categories) {}

    private final JdbcClient db;
    private final Categories categories;
    private final AuditLog audit;

    public CategoryStore(JdbcClient db, Categories categories, AuditLog audit) {
        this.db = db;
        this.categories = categories;
        this.audit = audit;
    }

    @Transactional
    public Category put(@Header("category") String name, @Body String json, Exchange exchange) {
        requireName(name);
        Category category = StrictJson.read(json, CategoryRequest.class).validated(name);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String priority = category.priority() == null ? null : category.priority().name();
        String caps = categories.toJson(category.caps());
        String channels = categories.toJson(category.defaultChannels());
        int updated = db.sql("update category set priority = ?, bypass_quiet_hours = ?, caps = ?, default_channels = ?, "
                        + "updated_at = ? where name = ?")
                .params(priority, category.bypassQuietHours(), caps, channels, now, name)
                .update();
        if (updated == 0) {
            db.sql("insert into category (name, priority, bypass_quiet_hours, caps, default_channels, updated_at) "
                            + "values (?, ?, ?, ?, ?, ?)")
                    .params(name, priority, category.bypassQuietHours(), caps, channels, now)
                    .update();
        }
        audit.record(exchange, AuditLog.Action.CATEGORY_SAVED, name);
        categories.forget(name);
        return category;
    }

    /** A category no one configured answers 404, though notifications may still name it. */
    public Category get(@Header("category") String name) {
        requireName(name);
        return categories.stored(name).orElseThrow(() -> ApiProblem.notFound("No category '" + name + "'; configure it with PUT /api/v1/categories/"
                        + name));
    }

    public Listing list() {
        List<Category> all = categories.all();
        return new Listing(all.size(), all);
    }

    private static void requireName(String name) {
        if (name == null || !Preferences.CATEGORY.matcher(name).matches()) {
            throw ApiProblem.invalid("category", "must be 1-64 of A-Z a-z 0-9 . _ -");
        }
    }
}
