package routes.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import routes.api.ApiProblem;
import routes.api.ApiProblem.FieldError;
import routes.api.Problems;
import routes.api.StrictJson;
import routes.audit.AuditLog;
import routes.audit.AuditLog.Action;
import routes.user.Preferences;

/**
 * Templates and their versions. Each save adds a version and never changes one, so a version is
 * cached on every instance for as long as memory allows; which version is current, and whether the
 * template is retired, is cached too and dropped on every instance when it changes (routes
 * {@code announce-template-change} and {@code cache-invalidation}). Intake reads templates from
 * these caches, never the database per request. Each change commits with its audit entry.
 */
@Component("templates")
public class TemplateStore {

    /** What is current of a template: its newest version and whether it is retired. */
    record Head(int latestVersion, OffsetDateTime retiredAt) {}

    /** What {@code GET /templates/{id}} shows: one version with the variables each locale reads. */
    public record TemplateView(String templateId, int version, int latestVersion, OffsetDateTime retiredAt,
            String category, String defaultLocale, Map<String, TemplateContent.Wording> locales,
            Map<String, Variables> variables, OffsetDateTime createdAt) {}

    public record Summary(String templateId, int latestVersion, OffsetDateTime retiredAt, OffsetDateTime updatedAt) {}

    public record Listing(int count, List<Summary> templates) {}

    /** Ids go into URLs and logs: the characters of a category, a little longer. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private static final Logger log = LoggerFactory.getLogger(TemplateStore.class);

    private final JdbcClient db;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final ProducerTemplate camel;
    private final Cache heads;
    private final Cache versions;

    public TemplateStore(JdbcClient db, TransactionTemplate tx, AuditLog audit, ObjectMapper json,
            ProducerTemplate camel, CacheManager caches) {
        this.db = db;
        this.tx = tx;
        this.audit = audit;
        this.json = json;
        this.camel = camel;
        this.heads = caches.getCache("templates");
        this.versions = caches.getCache("template-versions");
    }

    /** {@code PUT /templates/{templateId}}: a new version, compiled first so that a bad one is never stored. */
    public TemplateView save(@Header("templateId") String templateId, @Body String body, Exchange exchange) {
        requireId(templateId);
        TemplateContent content = StrictJson.read(body, TemplateContent.class);
        List<FieldError> errors = new ArrayList<>();
        if (content.category() != null && !Preferences.CATEGORY.matcher(content.category()).matches()) {
            errors.add(new FieldError("category", "must be 1-64 of A-Z a-z 0-9 . _ -"));
        }
        Map<String, Variables> variables = null;
        try {
            variables = TemplateVersion.compile(templateId, 0, content).variables();
        } catch (ApiProblem invalid) {
            errors.addAll(invalid.errors());
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        Map<String, Variables> used = variables;
        OffsetDateTime now = now();
        int version;
        try {
            version = tx.execute(status -> {
                // a new version takes the template back from retirement
                if (db.sql("update template set latest_version = latest_version + 1, retired_at = null, updated_at = ? "
                        + "where template_id = ?").params(now, templateId).update() == 0) {
                    db.sql("insert into template (template_id, latest_version, updated_at) values (?, 1, ?)")
                            .params(templateId, now).update();
                }
                int saved = db.sql("select latest_version from template where template_id = ?")
                        .param(templateId).query(Integer.class).single();
                db.sql("insert into template_version (template_id, version, category, default_locale, content, "
                                + "variables, created_at) values (?, ?, ?, ?, ?, ?, ?)")
                        .params(templateId, saved, content.category(), content.defaultLocale(), write(content),
                                write(used), now)
                        .update();
                audit.record(exchange, Action.TEMPLATE_SAVED, templateId);
                return saved;
            });
        } catch (DuplicateKeyException concurrent) {
            throw new ApiProblem(409, "Conflict", "Template '" + templateId
                    + "' was created by another request at the same time; send it again for a new version");
        }
        changed(templateId);
        return find(templateId, Integer.toString(version));
    }

    /** {@code GET /templates/{templateId}}: the newest version, or {@code ?version=N}. */
    public TemplateView find(@Header("templateId") String templateId, @Header("version") String version) {
        Head head = headOf(templateId).orElseThrow(() -> ApiProblem.notFound("No template '" + templateId + "'"));
        int wanted = version == null ? head.latestVersion() : versionNumber(version);
        return db.sql("select category, default_locale, content, variables, created_at from template_version "
                        + "where template_id = ? and version = ?")
                .params(templateId, wanted)
                .query((rs, i) -> {
                    TemplateContent content = read(rs.getString(3), TemplateContent.class);
                    return new TemplateView(templateId, wanted, head.latestVersion(), head.retiredAt(),
                            rs.getString(1), rs.getString(2), content.locales(), variablesOf(rs.getString(4)),
                            rs.getObject(5, OffsetDateTime.class));
                })
                .optional()
                .orElseThrow(() -> ApiProblem.notFound("Template '" + templateId + "' has no version " + wanted));
    }

    public Listing list() {
        List<Summary> templates = db.sql("select template_id, latest_version, retired_at, updated_at from template "
                        + "order by template_id")
                .query((rs, i) -> new Summary(rs.getString(1), rs.getInt(2), rs.getObject(3, OffsetDateTime.class),
                        rs.getObject(4, OffsetDateTime.class)))
                .list();
        return new Listing(templates.size(), templates);
    }

    /**
     * {@code DELETE /templates/{templateId}}: no new notification may use it; those accepted with
     * one of its versions still render with it, so nothing is deleted.
     */
    public void retire(@Header("templateId") String templateId, Exchange exchange) {
        OffsetDateTime now = now();
        tx.executeWithoutResult(status -> {
            if (db.sql("update template set retired_at = coalesce(retired_at, ?), updated_at = ? where template_id = ?")
                    .params(now, now, templateId).update() == 0) {
                throw ApiProblem.notFound("No template '" + templateId + "'");
            }
            audit.record(exchange, Action.TEMPLATE_RETIRED, templateId);
        });
        changed(templateId);
    }

    /**
     * The version a new notification is accepted with, from the cache: a 400 naming {@code field}
     * when the template is unknown or retired, a {@link TemplatesUnavailable} when it is not cached
     * and the database is away.
     */
    public TemplateVersion current(String templateId, String field) {
        try {
            return currentVersion(templateId, field);
        } catch (RuntimeException e) {
            if (!(e instanceof ApiProblem) && Problems.unavailable(e) != null) {
                throw new TemplatesUnavailable(e);
            }
            throw e;
        }
    }

    private TemplateVersion currentVersion(String templateId, String field) {
        Head head = ID.matcher(templateId).matches() ? headOf(templateId).orElse(null) : null;
        if (head == null) {
            throw ApiProblem.invalid(field, "names no template: '" + templateId + "'");
        }
        if (head.retiredAt() != null) {
            throw ApiProblem.invalid(field, "names template '" + templateId + "', retired at " + head.retiredAt());
        }
        return version(templateId, head.latestVersion());
    }

    /** A version, compiled and cached: a notification accepted with it renders with it, however the template changed since. */
    public TemplateVersion version(String templateId, int version) {
        return versions.get(templateId + "\n" + version, () -> db.sql(
                        "select content from template_version where template_id = ? and version = ?")
                .params(templateId, version)
                .query((rs, i) -> TemplateVersion.compile(templateId, version,
                        read(rs.getString(1), TemplateContent.class)))
                .optional()
                .orElseThrow(() -> new IllegalStateException("template " + templateId + " has no version " + version)));
    }

    /** Another instance changed this template: drop what this one cached of it. */
    public void evict(@Body String templateId) {
        heads.evict(templateId);
    }

    private Optional<Head> headOf(String templateId) {
        Head head = heads.get(templateId, () -> db.sql(
                        "select latest_version, retired_at from template where template_id = ?")
                .param(templateId)
                .query((rs, i) -> new Head(rs.getInt(1), rs.getObject(2, OffsetDateTime.class)))
                .optional()
                .orElse(null));
        return Optional.ofNullable(head);
    }

    /** Committed: forgotten here at once, and announced so that every other instance forgets it too. */
    private void changed(String templateId) {
        heads.evict(templateId);
        try {
            camel.sendBody("direct:template-changed", templateId);
        } catch (RuntimeException e) {
            // other instances' entries still expire (spring.cache.caffeine.spec)
            log.warn("Could not announce the change of template {} to other instances", templateId, e);
        }
    }

    private static void requireId(String templateId) {
        if (templateId == null || !ID.matcher(templateId).matches()) {
            throw ApiProblem.invalid("templateId", "must be 1-128 of A-Z a-z 0-9 . _ -");
        }
    }

    private static int versionNumber(String version) {
        try {
            int number = Integer.parseInt(version);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiProblem.invalid("version", "must be a version number, 1 or more");
    }

    private Map<String, Variables> variablesOf(String text) {
        try {
            return json.readValue(text, json.getTypeFactory().constructMapType(Map.class, String.class, Variables.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored template variables are not JSON: " + text, e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored template is not JSON: " + text, e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Template could not be written as JSON", e);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
