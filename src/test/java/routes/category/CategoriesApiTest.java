package routes.category;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import routes.support.HubTest;

/** Categories over the API, and what a notification that names no channels or priority takes from its category. */
class CategoriesApiTest extends HubTest {

    @Test
    void aCategoryIsSavedReadListedAndAudited() {
        String name = unique("digest");
        Response saved = put("/api/v1/categories/" + name, """
                {"priority": "bulk", "bypassQuietHours": false, "defaultChannels": ["email"],
                 "caps": [{"channel": "email", "max": 2, "per": "P1D"}]}""");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);

        JsonNode read = get("/api/v1/categories/" + name).json();
        assertThat(read.path("priority").asText()).isEqualTo("bulk");
        assertThat(read.path("defaultChannels").toString()).isEqualTo("[\"email\"]");
        assertThat(read.path("caps").get(0).path("per").asText()).isEqualTo("PT24H");
        assertThat(read.path("caps").get(0).path("max").asInt()).isEqualTo(2);
        assertThat(get("/api/v1/categories").json().path("categories").findValuesAsText("name")).contains(name);
        assertThat(get("/api/v1/admin/audit?limit=50").json().path("entries")).anySatisfy(entry -> {
            assertThat(entry.path("action").asText()).isEqualTo("category.saved");
            assertThat(entry.path("target").asText()).isEqualTo(name);
        });
    }

    @Test
    void anUnconfiguredCategoryIsNotFound() {
        Response missing = get("/api/v1/categories/" + unique("none"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }

    @Test
    void everyWrongFieldIsA400NamingIt() {
        String name = unique("bad");
        assertThat(fieldsOf(put("/api/v1/categories/" + name, "{\"priority\": \"urgent\"}"))).containsExactly("priority");
        assertThat(fieldsOf(put("/api/v1/categories/" + name, "{\"colour\": \"red\"}"))).containsExactly("colour");
        assertThat(fieldsOf(put("/api/v1/categories/" + name,
                "{\"caps\": [{\"channel\": \"push\", \"max\": -1, \"per\": \"PT24H\"}]}"))).containsExactly("caps[0].max");
        assertThat(fieldsOf(put("/api/v1/categories/" + name,
                "{\"caps\": [{\"channel\": \"fax\", \"max\": 1, \"per\": \"24 hours\"}]}")))
                .containsExactlyInAnyOrder("caps[0].channel", "caps[0].per");
        assertThat(fieldsOf(put("/api/v1/categories/" + name,
                "{\"caps\": [{\"channel\": \"push\", \"max\": 1, \"per\": \"PT1H\", \"burst\": 2}]}")))
                .containsExactly("caps[0].burst");
        assertThat(fieldsOf(put("/api/v1/categories/" + name, "{\"defaultChannels\": [\"pager\"]}")))
                .containsExactly("defaultChannels[0]");
        assertThat(fieldsOf(put("/api/v1/categories/with%20space", "{}"))).containsExactly("category");
        assertThat(get("/api/v1/categories/" + name).status()).as("nothing was saved").isEqualTo(404);
    }

    @Test
    void aNotificationWithoutChannelsOrPriorityTakesItsCategorys() {
        String name = unique("newsletter");
        assertThat(put("/api/v1/categories/" + name, "{\"priority\": \"bulk\", \"defaultChannels\": [\"email\"]}")
                .status()).isEqualTo(200);
        String token = apnsToken(unique("device"));
        String user = userWithDevice("ios", token);
        String mailbox = unique("reader") + "@example.com";
        assertThat(put("/api/v1/users/" + user, "{\"email\": \"" + mailbox + "\"}").status()).isEqualTo(200);

        Response accepted = post("/api/v1/notifications",
                notification(unique("evt"), user, ",\"category\": \"" + name + "\", \"title\": \"Weekly\", \"body\": \"News\""));
        assertThat(accepted.status()).isEqualTo(202);
        JsonNode settled = awaitSettled(accepted.json().path("notificationId").asText());

        assertThat(settled.path("priority").asText()).isEqualTo("bulk");
        assertThat(settled.path("channels").toString()).isEqualTo("[\"email\"]");
        assertThat(awaitSandbox(mailbox, 1)).hasSize(1);
        assertThat(sandbox(token)).as("push is not among the category's channels").isEmpty();
    }

    @Test
    void channelsAndPriorityNamedByTheNotificationWin() {
        String name = unique("promo");
        assertThat(put("/api/v1/categories/" + name, "{\"priority\": \"bulk\", \"defaultChannels\": [\"email\"]}")
                .status()).isEqualTo(200);
        String token = apnsToken(unique("device"));
        String notificationId = sendPush(userWithDevice("ios", token),
                ",\"body\": \"Now\", \"category\": \"" + name + "\", \"priority\": \"high\"");
        assertThat(awaitSettled(notificationId).path("priority").asText()).isEqualTo("high");
        assertThat(awaitSandbox(token, 1)).hasSize(1);
    }

    private static List<String> fieldsOf(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        return response.json().path("errors").findValuesAsText("field");
    }
}
