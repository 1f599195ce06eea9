package routes.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox SMTP server, sent to by a real Jakarta Mail client. */
class SandboxMailServerTest {

    private SandboxMailServer server;

    @BeforeEach
    void start() {
        server = new SandboxMailServer(2);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void eachMailboxKeepsItsNewestMessagesOnly() throws Exception {
        for (int i = 1; i <= 5; i++) {
            send("busy@example.com", "message " + i);
        }
        send("quiet@example.com", "the only one");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(server.receivedBy("busy@example.com")).extracting(SandboxMessage::title)
                        .containsExactly("message 4", "message 5"));
        assertThat(server.receivedBy("quiet@example.com")).extracting(SandboxMessage::title)
                .containsExactly("the only one");

        send("busy@example.com", "message 6");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(server.receivedBy("busy@example.com")).extracting(SandboxMessage::title)
                        .containsExactly("message 5", "message 6"));
    }

    private void send(String to, String subject) throws Exception {
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", String.valueOf(server.port()));
        MimeMessage mail = new MimeMessage(Session.getInstance(smtp));
        mail.setFrom(new InternetAddress("hub@example.com"));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        mail.setSubject(subject, "UTF-8");
        mail.setText("body of " + subject, "UTF-8");
        Transport.send(mail);
    }
}
