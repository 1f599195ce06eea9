package routes.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import routes.support.HubClient;
import routes.support.HubTest;
import routes.support.HubTest.Response;

/** Templates through the REST API: versions, retirement, the audit log, scopes, and every bad input. */
class TemplatesApiTest extends HubTest {

    static final String ORDER_SHIPPED = """
            {"category": "orders", "defaultLocale": "en", "locales": {
              "ko-KR": {"push": {"title": "{{name}}님, 주문이 출발했어요", "body": "주문 {{orderId}}: {{#items}}{{name}} {{/items}}"},
                        "sms": {"text": "[샵] {{name}}님 주문 {{orderId}} 출발"},
                        "email": {"subject": "주문 {{orderId}} 배송 시작", "text": "{{name}}님, 주문이 출발했어요.",
                                  "html": "<p>{{name}}님, 주문이 <b>출발</b>했어요.</p>"}},
              "en": {"push": {"title": "{{name}}, your order shipped", "body": "Order {{orderId}}: {{#items}}{{name}} {{/items}}"},
                     "sms": {"text": "[Shop] {{name}}, order {{orderId}} shipped"},
                     "email": {"subject": "Order {{orderId}} shipped", "text": "{{name}}, your order is on its way.",
                               "html": "<p>{{name}}, your order is <b>on its way</b>.</p>"}}}}""";

    private HubClient clientWith(String... scopes) {
        HubClient admin = new HubClient(port, KEY);
        String clientId = admin.createClient(unique("client"), scopes);
        return admin.with(admin.issueKey(clientId, null).path("key").asText());
    }

    @Test
    void eachPutIsANewVersionAndOlderVersionsStayReadable() {
        String id = unique("order-shipped");
        Response first = put("/api/v1/templates/" + id, ORDER_SHIPPED);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().path("version").asInt()).isEqualTo(1);
        JsonNode variables = first.json().path("variables");
        assertThat(variables.path("ko-KR").path("values").toString()).isEqualTo("[\"name\",\"orderId\"]");
        assertThat(variables.path("en").path("sections").toString()).isEqualTo("[\"items\"]");

        Response second = put("/api/v1/templates/" + id, ORDER_SHIPPED.replace("your order shipped", "it is coming"));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("version").asInt()).isEqualTo(2);

        JsonNode newest = get("/api/v1/templates/" + id).json();
        assertThat(newest.path("version").asInt()).isEqualTo(2);
        assertThat(newest.path("locales").path("en").path("push").path("title").asText()).isEqualTo("{{name}}, it is coming");
        JsonNode older = get("/api/v1/templates/" + id + "?version=1").json();
        assertThat(older.path("version").asInt()).isEqualTo(1);
        assertThat(older.path("latestVersion").asInt()).isEqualTo(2);
        assertThat(older.path("locales").path("en").path("push").path("title").asText())
                .isEqualTo("{{name}}, your order shipped");
        assertThat(older.path("category").asText()).isEqualTo("orders");

        JsonNode listed = get("/api/v1/templates").json();
        assertThat(listed.path("templates").findValuesAsText("templateId")).contains(id);
        assertThat(get("/api/v1/templates/" + id + "?version=3").status()).isEqualTo(404);
    }

    @Test
    void retiringKeepsTheVersionsAndIsAudited() {
        String id = unique("retired");
        assertThat(put("/api/v1/templates/" + id, ORDER_SHIPPED).status()).isEqualTo(201);
        assertThat(call("DELETE", "/api/v1/templates/" + id, null).status()).isEqualTo(204);
        JsonNode retired = get("/api/v1/templates/" + id).json();
        assertThat(retired.path("retiredAt").isNull()).isFalse();
        assertThat(retired.path("version").asInt()).isEqualTo(1);

        List<String> actions = new ArrayList<>();
        get("/api/v1/admin/audit?limit=200").json().path("entries").forEach(entry -> {
            if (entry.path("target").asText().equals(id)) {
                actions.add(entry.path("action").asText());
            }
        });
        assertThat(actions).containsExactly("template.retired", "template.saved");
        assertThat(call("DELETE", "/api/v1/templates/" + unique("never"), null).status()).isEqualTo(404);
    }

    @Test
    void aSenderMayReadTemplatesButOnlyTheTemplatesScopeChangesThem() {
        String id = unique("scoped");
        HubClient sender = clientWith("send");
        HubClient author = clientWith("templates");
        assertThat(sender.call("PUT", "/api/v1/templates/" + id, ORDER_SHIPPED).status()).isEqualTo(403);
        assertThat(author.call("PUT", "/api/v1/templates/" + id, ORDER_SHIPPED).status()).isEqualTo(201);
        assertThat(sender.call("GET", "/api/v1/templates/" + id, null).status()).isEqualTo(200);
        assertThat(sender.call("GET", "/api/v1/templates", null).status()).isEqualTo(200);
        assertThat(sender.call("DELETE", "/api/v1/templates/" + id, null).status()).isEqualTo(403);
        assertThat(clientWith("users:read").call("GET", "/api/v1/templates/" + id, null).status()).isEqualTo(403);
    }

    @Test
    void anUnknownTemplateIsNotFound() {
        Response missing = get("/api/v1/templates/" + unique("missing"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }

    private JsonNode refused(String id, String body) {
        Response response = put("/api/v1/templates/" + id, body);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(get("/api/v1/templates/" + id).status()).as("nothing stored").isEqualTo(404);
        return response.json().path("errors");
    }

    @Test
    void aSyntaxErrorNamesTheLocaleChannelFieldLineAndColumn() {
        JsonNode errors = refused(unique("broken"), """
                {"defaultLocale": "en", "locales": {"en": {"email": {"subject": "Hi", "text": "ok",
                 "html": "<p>\\n{{#items}} {{name}} {{/item}}</p>"}}}}""");
        assertThat(errors.path(0).path("field").asText()).isEqualTo("locales.en.email.html");
        assertThat(errors.path(0).path("message").asText()).startsWith("line 2, column ");
    }

    @Test
    void partialsAreRefused() {
        JsonNode errors = refused(unique("partial"), """
                {"defaultLocale": "en", "locales": {"en": {"sms": {"text": "{{> secrets}}"}}}}""");
        assertThat(errors.path(0).path("field").asText()).isEqualTo("locales.en.sms.text");
        assertThat(errors.path(0).path("message").asText()).contains("partials");
    }

    @Test
    void everyOtherBadInputIsNamed() {
        assertThat(refused(unique("empty"), """
                {"defaultLocale": "en", "locales": {"en": {}}}""").path(0).path("field").asText())
                .isEqualTo("locales.en");
        assertThat(refused(unique("no-locales"), """
                {"defaultLocale": "en", "locales": {}}""").findValuesAsText("field")).contains("locales");
        assertThat(refused(unique("tag"), """
                {"defaultLocale": "en", "locales": {"en": {"sms": {"text": "hi"}}, "ko_KR": {"sms": {"text": "안녕"}}}}""")
                .path(0).path("field").asText()).isEqualTo("locales.ko_KR");
        assertThat(refused(unique("default"), """
                {"defaultLocale": "fr", "locales": {"en": {"sms": {"text": "hi"}}}}""")
                .path(0).path("field").asText()).isEqualTo("defaultLocale");
        assertThat(refused(unique("fallback"), """
                {"defaultLocale": "en", "locales": {"en": {"sms": {"text": "hi"}}, "ko": {"push": {"body": "안녕"}}}}""")
                .path(0).path("field").asText()).isEqualTo("locales.en.push");
        assertThat(put("/api/v1/templates/bad%20id", ORDER_SHIPPED).status()).isEqualTo(400);
    }

    @Test
    void aPreviewShowsEachChannelsWordingAndEveryProblemInsteadOfSending() {
        String id = unique("preview");
        assertThat(put("/api/v1/templates/" + id, ORDER_SHIPPED).status()).isEqualTo(201);
        Response preview = post("/api/v1/templates/" + id + "/preview", """
                {"locale": "ko-KR", "params": {"name": "<민수> 🚚", "orderId": "A-1"}}""");
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        JsonNode channels = preview.json().path("channels");
        assertThat(preview.json().path("version").asInt()).isEqualTo(1);
        assertThat(channels.path("push").path("locale").asText()).isEqualTo("ko-KR");
        assertThat(channels.path("push").path("title").asText()).isEqualTo("<민수> 🚚님, 주문이 출발했어요");
        assertThat(channels.path("sms").path("text").asText()).isEqualTo("[샵] <민수> 🚚님 주문 A-1 출발");
        assertThat(channels.path("email").path("subject").asText()).isEqualTo("주문 A-1 배송 시작");
        assertThat(channels.path("email").path("html").asText()).isEqualTo("<p>&lt;민수&gt; 🚚님, 주문이 <b>출발</b>했어요.</p>");
        // the embedded default's secondary SMS provider is SENS, which has no emoji
        JsonNode smsProblem = channels.path("sms").path("problems").path(0);
        assertThat(smsProblem.path("kind").asText()).isEqualTo("CONTENT_NOT_ENCODABLE");
        assertThat(smsProblem.path("provider").asText()).isEqualTo("sens");
        assertThat(channels.path("push").path("problems")).isEmpty();

        Response english = post("/api/v1/templates/" + id + "/preview", """
                {"locale": "en-GB", "params": {"orderId": "A-1", "text": "%s"}}""".formatted("x"));
        JsonNode push = english.json().path("channels").path("push");
        assertThat(push.path("locale").asText()).isEqualTo("en");
        assertThat(push.path("problems").path(0).path("kind").asText()).isEqualTo("MISSING_VARIABLE");
        assertThat(push.path("problems").path(0).path("message").asText()).startsWith("params.name");

        assertThat(post("/api/v1/templates/" + id + "/preview", "{\"locale\": \"ko_KR\"}").status()).isEqualTo(400);
        assertThat(post("/api/v1/templates/" + id + "/preview", "{\"version\": 9}").status()).isEqualTo(404);
        assertThat(post("/api/v1/templates/" + unique("none") + "/preview", "{}").status()).isEqualTo(404);
    }
}
