package routes.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import routes.sandbox.SandboxMailServer;
import routes.support.HubTest;

/** Email through camel-mail over SMTP to GreenMail, read back from the message GreenMail received. */
class EmailDeliveryTest extends HubTest {

    @Autowired
    SandboxMailServer smtp;

    private String userWithEmail(String address) {
        String user = unique("mail");
        assertThat(put("/api/v1/users/" + user, "{\"email\":\"" + address + "\"}").status()).isEqualTo(200);
        return user;
    }

    private String send(String user, String extraFields) {
        return notifyOn("email", user, extraFields);
    }

    @Test
    void emailIsMultipartTextAndHtmlInUtf8WithSenderAndUnsubscribeHeaders() {
        String address = unique("reader") + "@example.com";
        String user = userWithEmail(address);
        String notificationId = send(user, ",\"title\":\"비밀번호 재설정 🔑\",\"body\":\"아래 링크를 눌러 <재설정> 하세요\","
                + "\"data\":{\"link\":\"https://example.com/reset?t=1&u=2\"}");

        JsonNode message = awaitSandbox(address, 1).get(0);
        assertThat(message.path("title").asText()).isEqualTo("비밀번호 재설정 🔑");
        assertThat(message.path("body").asText())
                .startsWith("아래 링크를 눌러 <재설정> 하세요\n\nhttp://localhost:" + port + "/t/c/");
        assertThat(message.path("notificationId").asText()).isEqualTo(notificationId);
        JsonNode headers = message.path("headers");
        assertThat(headers.path("Content-Type").asText()).startsWith("multipart/alternative");
        assertThat(headers.path("part.0").asText()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(headers.path("part.1").asText()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat(headers.path("html").asText())
                .contains("<h1>비밀번호 재설정 🔑</h1>")
                .contains("&lt;재설정&gt;")
                .contains("href=\"http://localhost:" + port + "/t/c/"); // the click-tracking redirect (TrackingTest)
        assertThat(headers.path("From").asText()).isEqualTo("notification-hub <hub@notification-hub.local>");
        assertThat(headers.path("Reply-To").asText()).isEqualTo("support@notification-hub.local");
        assertThat(headers.path("List-Unsubscribe").asText()).contains("unsubscribe%20" + user);

        JsonNode delivery = awaitDelivery(notificationId, "SENT");
        assertThat(delivery.path("providerMessageId").asText()).isEqualTo(headers.path("Message-ID").asText());
        // the delivery's own id, the same if it is ever sent again
        assertThat(headers.path("Message-ID").asText())
                .isEqualTo("<" + delivery.path("deliveryId").asText() + "@notification-hub.local>");
    }

    /**
     * An internationalised domain is accepted as written and kept so; SMTP without SMTPUTF8 carries
     * only ASCII, so the message goes to the domain's ASCII form (IDNA), which GreenMail receives.
     */
    @Test
    void anAddressAtAnInternationalisedDomainIsMailedToTheDomainsAsciiForm() {
        String local = unique("leser");
        String user = userWithEmail(local + "@bücher.example");
        String notificationId = send(user, ",\"title\":\"Bücher\",\"body\":\"über IDNA\"");

        JsonNode message = awaitSandbox(local + "@xn--bcher-kva.example", 1).get(0);
        assertThat(message.path("body").asText()).isEqualTo("über IDNA");
        assertThat(awaitDelivery(notificationId, "SENT").path("recipient").asText()).endsWith("@bücher.example");
        assertThat(get("/api/v1/users/" + user).json().path("email").asText()).isEqualTo(local + "@bücher.example");
    }

    @Test
    void aRefusedAddressIsNeitherStoredNorShownInTheDeliverysError() {
        String address = unique("gone") + "@example.com";
        smtp.refuseMailTo(address);
        String notificationId = send(userWithEmail(address), ",\"body\":\"never arrives\"");

        JsonNode delivery = awaitDelivery(notificationId, "FAILED");
        assertThat(delivery.path("reason").asText()).isEqualTo("SMTP_554");
        assertThat(delivery.path("lastError").asText())
                .contains("554 5.7.1", "message refused", address.charAt(0) + "***@example.com")
                .doesNotContain(address);
    }

    @Test
    void emailsOfABatchShareTheOpenSmtpConnections() {
        List<String> addresses = new ArrayList<>();
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            addresses.add(unique("crowd") + "@example.com");
            users.add("\"" + userWithEmail(addresses.get(i)) + "\"");
        }
        int connectionsBefore = smtp.connectionsAccepted();

        var accepted = post("/api/v1/notifications", "{\"eventId\":\"" + unique("evt") + "\",\"userIds\":" + users
                + ",\"channels\":[\"email\"],\"title\":\"모두에게 📣\",\"body\":\"one batch\"}");
        assertThat(accepted.status()).isEqualTo(202);

        for (String address : addresses) {
            assertThat(awaitSandbox(address, 1).get(0).path("title").asText()).isEqualTo("모두에게 📣");
        }
        // 40 emails, sent at once, over no more than notify.providers.email.connections (16)
        assertThat(smtp.connectionsAccepted() - connectionsBefore).isLessThanOrEqualTo(16);
    }
}
