package routes.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import routes.support.HubClient;
import routes.support.HubTest;

/**
 * Clients, scopes and keys through the REST API: what each scope opens, how a key is issued,
 * rotated, revoked and expires, how a client's limits are set, and that the configured key keeps
 * working.
 */
class ClientsApiTest extends HubTest {

    private HubClient admin() {
        return new HubClient(port, KEY);
    }

    /** A new client with these scopes, called with a key of its own. */
    private HubClient clientWith(String... scopes) {
        String clientId = admin().createClient(unique("client"), scopes);
        return admin().with(admin().issueKey(clientId, null).path("key").asText());
    }

    @Autowired
    ConfigurableApplicationContext context;

    /**
     * Spring Security's chain runs without Spring MVC's handler look-up before it
     * ({@link NoHandlerLookupBeforeSecurity}), though Spring Security put it there; every other test
     * here shows that the chain still checks keys and scopes.
     */
    @Test
    void theSecurityChainHasNoHandlerLookUpBeforeIt() {
        List<String> filters = new ArrayList<>();
        collectFilters(context.getBeanFactory().getBeanDefinition("springSecurityFilterChain"), filters);
        assertThat(filters).as("the chain's composite was not found").isNotEmpty()
                .noneMatch(filter -> filter.contains("HandlerMappingIntrospector"));
    }

    private static void collectFilters(BeanDefinition composite, List<String> names) {
        var filters = composite.getConstructorArgumentValues().getIndexedArgumentValue(0, null);
        if (filters != null && filters.getValue() instanceof Iterable<?> list) {
            for (Object filter : list) {
                if (filter instanceof BeanDefinition definition) {
                    names.add(String.valueOf(definition.getBeanClassName()));
                    collectFilters(definition, names);
                }
            }
        }
    }

    @Test
    void aClientWithoutAdminIsRefusedEveryAdminPathNamingTheScope() {
        HubClient notAdmin = clientWith("send", "users:read", "users:write", "templates");
        List<Map.Entry<String, String>> adminCalls = List.of(
                Map.entry("GET", "/api/v1/admin/dead-letters"),
                Map.entry("POST", "/api/v1/admin/dead-letters/some-delivery/replay"),
                Map.entry("GET", "/api/v1/admin/clients"),
                Map.entry("POST", "/api/v1/admin/clients"),
                Map.entry("GET", "/api/v1/admin/clients/some-client"),
                Map.entry("DELETE", "/api/v1/admin/clients/some-client"),
                Map.entry("GET", "/api/v1/admin/clients/some-client/keys"),
                Map.entry("POST", "/api/v1/admin/clients/some-client/keys"),
                Map.entry("DELETE", "/api/v1/admin/clients/some-client/keys/some-key"),
                Map.entry("GET", "/api/v1/admin/audit"),
                Map.entry("GET", "/api/v1/sandbox/messages?to=anyone"));
        for (var call : adminCalls) {
            Response refused = notAdmin.call(call.getKey(), call.getValue(), call.getKey().equals("POST") ? "{}" : null);
            assertThat(refused.status()).as(call.toString()).isEqualTo(403);
            assertThat(refused.contentType()).as(call.toString()).startsWith("application/problem+json");
            assertThat(refused.json().path("detail").asText()).as(call.toString()).contains("'admin'");
        }
    }

    @Test
    void aClientThatMaySendOnlyNotifiesButCannotReadOrWriteUsers() {
        String user = unique("user");
        assertThat(put("/api/v1/users/" + user, "{\"email\":\"send-only@example.com\"}").status()).isEqualTo(200);
        HubClient sender = clientWith("send");

        Response accepted = sender.call("POST", "/api/v1/notifications",
                notification(unique("evt"), user, ",\"body\":\"hello\""));
        assertThat(accepted.status()).isEqualTo(202);
        String notificationId = accepted.json().path("notificationId").asText();
        assertThat(sender.call("GET", "/api/v1/notifications/" + notificationId, null).status()).isEqualTo(200);

        Response read = sender.call("GET", "/api/v1/users/" + user, null);
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.contentType()).startsWith("application/problem+json");
        assertThat(read.json().path("detail").asText()).contains("'users:read'");
        Response write = sender.call("PUT", "/api/v1/users/" + user, "{}");
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.json().path("detail").asText()).contains("'users:write'");
    }

    @Test
    void theSameEventIdFromTwoClientsIsTwoNotificationsAndFromOneClientOne() {
        String token = unique("per-client-events");
        String user = userWithDevice("android", token);
        String eventId = unique("order") + "-1";
        HubClient billing = clientWith("send");
        HubClient shipping = clientWith("send");

        Response fromBilling = billing.call("POST", "/api/v1/notifications",
                notification(eventId, user, ",\"channels\":[\"push\"],\"body\":\"billing\""));
        Response fromShipping = shipping.call("POST", "/api/v1/notifications",
                notification(eventId, user, ",\"channels\":[\"push\"],\"body\":\"shipping\""));
        Response billingAgain = billing.call("POST", "/api/v1/notifications",
                notification(eventId, user, ",\"channels\":[\"push\"],\"body\":\"billing again\""));

        assertThat(fromBilling.status()).isEqualTo(202);
        assertThat(fromShipping.status()).isEqualTo(202);
        String billingId = fromBilling.json().path("notificationId").asText();
        assertThat(fromShipping.json().path("notificationId").asText()).isNotEqualTo(billingId);
        assertThat(billingAgain.status()).isEqualTo(200);
        assertThat(billingAgain.json().path("duplicate").asBoolean()).isTrue();
        assertThat(billingAgain.json().path("notificationId").asText()).isEqualTo(billingId);
        // the configured key keeps the namespace eventIds had before clients had keys of their own
        Response configured = post("/api/v1/notifications",
                notification(eventId, user, ",\"channels\":[\"push\"],\"body\":\"configured\""));
        assertThat(configured.status()).isEqualTo(202);

        awaitSandbox(token, 3);
        sendPush(user, ",\"body\":\"after the repeats\"");
        assertThat(awaitSandbox(token, 4)).extracting(message -> message.path("body").asText())
                .containsExactlyInAnyOrder("billing", "shipping", "configured", "after the repeats");
    }

    @Test
    void usersReadMayReadButNotWrite() {
        String user = unique("user");
        assertThat(put("/api/v1/users/" + user, "{}").status()).isEqualTo(200);
        HubClient reader = clientWith("users:read");

        assertThat(reader.call("GET", "/api/v1/users/" + user, null).status()).isEqualTo(200);
        assertThat(reader.call("GET", "/api/v1/users/" + user + "/preferences", null).status()).isEqualTo(200);
        assertThat(reader.call("POST", "/api/v1/users/" + user + "/devices",
                "{\"platform\":\"android\",\"token\":\"t-" + user + "\"}").status()).isEqualTo(403);
        assertThat(reader.call("DELETE", "/api/v1/users/" + user + "/devices/some-device", null).status())
                .isEqualTo(403);
        assertThat(reader.call("POST", "/api/v1/notifications", notification(unique("evt"), user, ",\"body\":\"x\""))
                .status()).isEqualTo(403);
    }

    @Test
    void aKeyIsShownOnceAndListedWithoutItsSecret() {
        String clientId = admin().createClient(unique("listed"), "send");
        JsonNode issued = admin().issueKey(clientId, null);
        String key = issued.path("key").asText();

        assertThat(key).startsWith("nh_live_").hasSize(51);
        assertThat(issued.path("shown").asText()).isEqualTo(key.substring(0, 12) + "...");
        Response keys = admin().call("GET", "/api/v1/admin/clients/" + clientId + "/keys", null);
        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.json().path("keys")).singleElement().satisfies(listed -> {
            assertThat(listed.path("keyId").asText()).isEqualTo(issued.path("keyId").asText());
            assertThat(listed.has("key")).isFalse();
        });
        assertThat(keys.body()).doesNotContain(key.substring(12));
        assertThat(admin().call("GET", "/api/v1/admin/clients/" + clientId, null).json().path("scopes"))
                .extracting(JsonNode::asText).containsExactly("send");
        assertThat(admin().call("GET", "/api/v1/admin/clients", null).body()).contains(clientId);
    }

    @Test
    void rotatingAKeyFailsNoRequestAndTheRevokedKeyIsRefused() throws Exception {
        String user = unique("user");
        assertThat(put("/api/v1/users/" + user, "{}").status()).isEqualTo(200);
        String clientId = admin().createClient(unique("rotating"), "users:read");
        // the caller below calls as fast as it can, past any default limit
        admin().setLimits(clientId, "{\"requestsPerSecond\": \"unlimited\"}");
        JsonNode oldKey = admin().issueKey(clientId, null);
        HubClient old = admin().with(oldKey.path("key").asText());
        AtomicBoolean rotated = new AtomicBoolean();
        HubClient[] current = {old};

        // a caller keeps reading while the operator rotates; it switches keys once the new one exists
        try (ExecutorService caller = Executors.newSingleThreadExecutor()) {
            Future<List<Integer>> statuses = caller.submit(() -> {
                List<Integer> seen = new java.util.ArrayList<>();
                while (!rotated.get()) {
                    seen.add(current[0].call("GET", "/api/v1/users/" + user, null).status());
                }
                return seen;
            });
            HubClient next = admin().with(admin().issueKey(clientId, null).path("key").asText());
            assertThat(old.call("GET", "/api/v1/users/" + user, null).status()).isEqualTo(200);
            assertThat(next.call("GET", "/api/v1/users/" + user, null).status()).isEqualTo(200);
            current[0] = next;
            Thread.sleep(200);
            assertThat(admin().call("DELETE", "/api/v1/admin/clients/" + clientId + "/keys/"
                    + oldKey.path("keyId").asText(), null).status()).isEqualTo(204);
            Thread.sleep(200);
            rotated.set(true);
            assertThat(statuses.get()).isNotEmpty().containsOnly(200);

            Response refused = old.call("GET", "/api/v1/users/" + user, null);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(next.call("GET", "/api/v1/users/" + user, null).status()).isEqualTo(200);
            assertThat(admin().call("GET", "/api/v1/admin/clients/" + clientId + "/keys", null).json().path("count")
                    .asInt()).isEqualTo(1);
        }
    }

    @Test
    void deletingAClientRefusesItsKeys() {
        String clientId = admin().createClient(unique("deleted"), "send");
        HubClient deleted = admin().with(admin().issueKey(clientId, null).path("key").asText());
        assertThat(deleted.call("GET", "/api/v1/notifications/none", null).status()).isEqualTo(404);

        assertThat(admin().call("DELETE", "/api/v1/admin/clients/" + clientId, null).status()).isEqualTo(204);
        assertThat(deleted.call("GET", "/api/v1/notifications/none", null).status()).isEqualTo(401);
        assertThat(admin().call("GET", "/api/v1/admin/clients/" + clientId, null).status()).isEqualTo(404);
    }

    @Test
    void anExpiredKeyIsRefusedSayingSo() {
        String clientId = admin().createClient(unique("expiring"), "send");
        HubClient expiring = admin().with(admin().issueKey(clientId, Instant.now().plusSeconds(2).toString())
                .path("key").asText());
        assertThat(expiring.call("GET", "/api/v1/notifications/none", null).status()).isEqualTo(404);

        await().atMost(Duration.ofSeconds(5)).until(() ->
                expiring.call("GET", "/api/v1/notifications/none", null).status() == 401);
        Response refused = expiring.call("GET", "/api/v1/notifications/none", null);
        assertThat(refused.json().path("detail").asText()).contains("expired");
        assertThat(admin().call("POST", "/api/v1/admin/clients/" + clientId + "/keys",
                "{\"expiresAt\":\"2001-01-01T00:00:00Z\"}").status()).isEqualTo(400);
    }

    @Test
    void badClientsAreRefusedByField() {
        Response noScopes = admin().call("POST", "/api/v1/admin/clients", "{\"name\":\"x\",\"scopes\":[]}");
        assertThat(noScopes.status()).isEqualTo(400);
        assertThat(noScopes.json().path("errors").get(0).path("field").asText()).isEqualTo("scopes");
        Response unknown = admin().call("POST", "/api/v1/admin/clients", "{\"name\":\"x\",\"scopes\":[\"root\"]}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("detail").asText()).contains("unknown scope 'root'");
        assertThat(admin().call("POST", "/api/v1/admin/clients", "{\"scopes\":[\"send\"]}").json().path("errors")
                .get(0).path("field").asText()).isEqualTo("name");
    }

    @Test
    void limitsAreGivenAtCreationShownChangedAndResetThroughTheAdminApi() {
        String limits = "{\"requestsPerSecond\":5,\"deliveriesPerSecond\":\"unlimited\"}";
        Response created = admin().call("POST", "/api/v1/admin/clients",
                "{\"name\":\"" + unique("limits") + "\",\"scopes\":[\"send\"],\"limits\":" + limits + "}");
        assertThat(created.status()).isEqualTo(201);
        String clientId = created.json().path("clientId").asText();
        JsonNode shown = admin().call("GET", "/api/v1/admin/clients/" + clientId, null).json();
        assertThat(shown.path("limits")).hasToString(limits);
        assertThat(shown.path("effectiveLimits")).isEqualTo(shown.path("limits"));

        Response changed = admin().call("PUT", "/api/v1/admin/clients/" + clientId + "/limits",
                "{\"deliveriesPerSecond\": 50}");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("limits")).hasToString("{\"deliveriesPerSecond\":50}");
        assertThat(changed.json().path("effectiveLimits")).as("the default fills in")
                .hasToString("{\"requestsPerSecond\":100,\"deliveriesPerSecond\":50}");
        JsonNode reset = admin().call("PUT", "/api/v1/admin/clients/" + clientId + "/limits", "{}").json();
        assertThat(reset.path("limits")).hasToString("{}");
        assertThat(reset.path("effectiveLimits")).as("the configured defaults")
                .hasToString("{\"requestsPerSecond\":100,\"deliveriesPerSecond\":1000}");
        assertThat(admin().call("GET", "/api/v1/admin/audit?limit=20", null).json().path("entries"))
                .anySatisfy(entry -> {
                    assertThat(entry.path("action").asText()).isEqualTo("client.limits-changed");
                    assertThat(entry.path("target").asText()).isEqualTo(clientId);
                });
    }

    @Test
    void badLimitsAreRefusedByFieldAndAnUnknownClientIs404() {
        Response zero = admin().call("PUT", "/api/v1/admin/clients/" + admin().createClient(unique("bad"), "send")
                + "/limits", "{\"requestsPerSecond\": 0}");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.contentType()).startsWith("application/problem+json");
        assertThat(zero.json().path("errors").get(0).path("field").asText()).isEqualTo("requestsPerSecond");
        assertThat(zero.json().path("detail").asText()).contains("from 1 to 1000000", "\"unlimited\"");
        Response text = admin().call("POST", "/api/v1/admin/clients",
                "{\"name\":\"bad\",\"scopes\":[\"send\"],\"limits\":{\"deliveriesPerSecond\":\"fast\"}}");
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.json().path("errors").get(0).path("field").asText()).isEqualTo("limits.deliveriesPerSecond");
        assertThat(admin().call("PUT", "/api/v1/admin/clients/no-such-client/limits", "{}").status()).isEqualTo(404);
    }

    @Test
    void theConfiguredKeyHoldsEveryScope() {
        assertThat(get("/api/v1/admin/clients").status()).isEqualTo(200);
        assertThat(get("/api/v1/admin/dead-letters").status()).isEqualTo(200);
        assertThat(put("/api/v1/users/" + unique("user"), "{}").status()).isEqualTo(200);
        Response wrong = call("GET", "/api/v1/admin/clients", null, "nh_live_" + "A".repeat(43));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("detail").asText()).isEqualTo("The API key is not valid");
    }
}
