package routes.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import routes.support.HubTest;

class UserApiTest extends HubTest {

    @Test
    void userIsCreatedUpdatedAndShownWithDevicesAndPreferences() {
        String id = unique("user");
        assertThat(get("/api/v1/users/" + id).status()).isEqualTo(404);

        assertThat(put("/api/v1/users/" + id, "{\"email\":\"a@example.com\",\"phone\":\"+821012345678\"}").status())
                .isEqualTo(200);
        Response updated = put("/api/v1/users/" + id, "{\"email\":\"b@example.com\",\"locale\":\"ko-KR\"}");
        assertThat(updated.status()).isEqualTo(200);
        put("/api/v1/users/" + id + "/preferences", "{\"channels\":{\"sms\":false}}");
        post("/api/v1/users/" + id + "/devices", "{\"platform\":\"web\",\"token\":\"web-token-" + id + "\"}");

        JsonNode user = get("/api/v1/users/" + id).json();
        assertThat(user.path("email").asText()).isEqualTo("b@example.com");
        assertThat(user.has("phone")).isFalse();
        assertThat(user.path("locale").asText()).isEqualTo("ko-KR");
        assertThat(user.path("devices")).hasSize(1);
        assertThat(user.path("devices").get(0).path("platform").asText()).isEqualTo("web");
        assertThat(user.path("devices").get(0).path("token").asText()).doesNotContain(id);
        assertThat(user.path("preferences").path("channels").path("sms").asBoolean(true)).isFalse();
    }

    @Test
    void sameTokenIsIdempotentMovesBetweenUsersAndCanBeDeleted() {
        String alice = unique("alice");
        String bob = unique("bob");
        put("/api/v1/users/" + alice, "{}");
        put("/api/v1/users/" + bob, "{}");
        String device = "{\"platform\":\"ios\",\"token\":\"shared-" + alice + "\"}";

        Response first = post("/api/v1/users/" + alice + "/devices", device);
        Response again = post("/api/v1/users/" + alice + "/devices", device);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        String deviceId = first.json().path("deviceId").asText();
        assertThat(again.json().path("deviceId").asText()).isEqualTo(deviceId);

        Response moved = post("/api/v1/users/" + bob + "/devices", device);
        assertThat(moved.json().path("deviceId").asText()).isEqualTo(deviceId);
        assertThat(get("/api/v1/users/" + alice).json().path("devices")).isEmpty();
        assertThat(get("/api/v1/users/" + bob).json().path("devices")).hasSize(1);

        assertThat(call("DELETE", "/api/v1/users/" + bob + "/devices/" + deviceId, null).status()).isEqualTo(204);
        assertThat(call("DELETE", "/api/v1/users/" + bob + "/devices/" + deviceId, null).status()).isEqualTo(404);
        assertThat(get("/api/v1/users/" + bob).json().path("devices")).isEmpty();
    }

    @Test
    void preferencesForUnknownUserOrChannelAreRefused() {
        assertThat(put("/api/v1/users/" + unique("ghost") + "/preferences", "{\"channels\":{\"sms\":false}}").status())
                .isEqualTo(404);
        String id = unique("user");
        put("/api/v1/users/" + id, "{}");
        Response unknownChannel = put("/api/v1/users/" + id + "/preferences", "{\"channels\":{\"fax\":false}}");
        assertThat(unknownChannel.status()).isEqualTo(400);
        assertThat(unknownChannel.json().path("errors").get(0).path("field").asText()).isEqualTo("channels.fax");
    }
}
