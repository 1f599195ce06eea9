package routes.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import routes.support.HubClient;
import routes.support.HubTest;

/**
 * Client and key changes are listed by GET /admin/audit: who, what, when and from where, newest
 * first (that only admins may read it: ClientsApiTest; replays: RetryAndDeadLetterTest).
 */
class AuditTest extends HubTest {

    private HubClient configured() {
        return new HubClient(port, KEY);
    }

    @Test
    void clientAndKeyChangesAreListedNewestFirstWithWhoWhatWhenAndFrom() throws Exception {
        Instant start = Instant.now();
        String operatorId = configured().createClient(unique("operator"), "admin");
        JsonNode operatorKey = configured().issueKey(operatorId, null);
        HubClient operator = configured().with(operatorKey.path("key").asText());

        String clientId = operator.createClient(unique("audited"), "send");
        String keyId = operator.issueKey(clientId, null).path("keyId").asText();
        assertThat(operator.call("DELETE", "/api/v1/admin/clients/" + clientId + "/keys/" + keyId, null).status())
                .isEqualTo(204);
        // a change that failed is not recorded
        assertThat(operator.call("DELETE", "/api/v1/admin/clients/" + clientId + "/keys/no-such-key", null).status())
                .isEqualTo(404);
        assertThat(operator.call("DELETE", "/api/v1/admin/clients/" + clientId, null).status()).isEqualTo(204);

        Response listed = operator.call("GET", "/api/v1/admin/audit?limit=500", null);
        assertThat(listed.status()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        listed.json().path("entries").forEach(entry -> {
            if (Set.of(operatorId, operatorKey.path("keyId").asText(), clientId, keyId, "no-such-key")
                    .contains(entry.path("target").asText())) {
                entries.add(entry);
            }
        });
        assertThat(entries).extracting(entry -> entry.path("action").asText() + " " + entry.path("target").asText())
                .containsExactly("client.deleted " + clientId, "key.revoked " + keyId, "key.issued " + keyId,
                        "client.created " + clientId, "key.issued " + operatorKey.path("keyId").asText(),
                        "client.created " + operatorId);
        for (JsonNode entry : entries.subList(0, 4)) {
            assertThat(entry.path("clientId").asText()).isEqualTo(operatorId);
            assertThat(entry.path("keyId").asText()).isEqualTo(operatorKey.path("keyId").asText());
        }
        for (JsonNode entry : entries.subList(4, 6)) {
            assertThat(entry.path("clientId").asText()).isEqualTo("configured");
            assertThat(entry.path("keyId").asText()).isEqualTo("configured");
        }
        for (JsonNode entry : entries) {
            assertThat(Instant.parse(entry.path("at").asText())).isBetween(start, Instant.now());
            assertThat(InetAddress.getByName(entry.path("from").asText()).isLoopbackAddress()).isTrue();
        }
    }

    @Test
    void pagesFollowTheBeforeCursorIntoOlderEntries() {
        String clientId = configured().createClient(unique("paged"), "send");
        configured().issueKey(clientId, null);

        JsonNode first = configured().call("GET", "/api/v1/admin/audit?limit=1", null).json();
        assertThat(first.path("count").asInt()).isEqualTo(1);
        assertThat(first.path("entries").get(0).path("action").asText()).isEqualTo("key.issued");
        long next = first.path("next").asLong();
        assertThat(next).isEqualTo(first.path("entries").get(0).path("auditId").asLong());

        JsonNode second = configured().call("GET", "/api/v1/admin/audit?limit=1&before=" + next, null).json();
        assertThat(second.path("entries").get(0).path("auditId").asLong()).isLessThan(next);
        assertThat(second.path("entries").get(0).path("target").asText()).isEqualTo(clientId);
    }

    @Test
    void aBadLimitOrCursorIsRefusedAsProblemJson() {
        for (String query : List.of("limit=0", "limit=501", "limit=ten", "before=yesterday")) {
            Response refused = get("/api/v1/admin/audit?" + query);
            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(refused.contentType()).as(query).startsWith("application/problem+json");
            assertThat(refused.json().path("detail").asText()).as(query).startsWith(query.substring(0, query.indexOf('=')));
        }
    }
}
