package routes.provider.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import routes.sandbox.SandboxMailServer;
import routes.sandbox.SandboxMessage;

/** The hub's SMTP sender against a real SMTP server (GreenMail), counting the connections it accepted. */
class SmtpConnectionsTest {

    private final AtomicLong clock = new AtomicLong(System.nanoTime());
    private SandboxMailServer server;
    private SmtpConnections smtp;

    @BeforeEach
    void start() {
        server = new SandboxMailServer(1000);
        server.start();
        smtp = new SmtpConnections(clock::get);
        smtp.setHost("127.0.0.1");
        smtp.setPort(server.port());
        smtp.setUsername("");
        smtp.setPassword("");
    }

    @AfterEach
    void stop() {
        smtp.close();
        server.stop();
    }

    @Test
    void concurrentEmailsShareAtMostTheConfiguredConnections() throws Exception {
        smtp.setConnections(4);
        List<Future<?>> sends = new ArrayList<>();
        try (var senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 40; i++) {
                int n = i;
                sends.add(senders.submit(() -> {
                    smtp.send(email("crowd@example.com", "email " + n, "<" + n + "@hub.example>"));
                    return null;
                }));
            }
        }
        for (Future<?> send : sends) {
            send.get();
        }

        List<SandboxMessage> received = await().atMost(Duration.ofSeconds(10))
                .until(() -> server.receivedBy("crowd@example.com"), messages -> messages.size() == 40);
        assertThat(received).extracting(SandboxMessage::title).doesNotHaveDuplicates();
        assertThat(received).extracting(message -> message.headers().get("Message-ID"))
                .as("the Message-ID the hub chose survives saveChanges")
                .contains("<0@hub.example>", "<39@hub.example>");
        assertThat(server.connectionsAccepted()).isBetween(1, 4);
    }

    @Test
    void aConnectionIsReplacedAfterItsShareOfEmails() throws Exception {
        smtp.setMessagesPerConnection(5);
        for (int i = 0; i < 12; i++) {
            smtp.send(email("steady@example.com", "email " + i, null));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> server.receivedBy("steady@example.com").size() == 12);
        assertThat(server.connectionsAccepted()).isEqualTo(3);
    }

    @Test
    void aConnectionTheServerDroppedIsReplacedWithoutFailingAnEmail() throws Exception {
        smtp.send(email("patient@example.com", "before the restart", null));
        server.stop();
        server.start();
        // unused for longer than the sender trusts a connection unchecked: checked before it carries the next email
        clock.addAndGet(SmtpConnections.CHECK_AFTER_IDLE_NANOS + 1);

        smtp.send(email("patient@example.com", "after the restart", null));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(server.receivedBy("patient@example.com"))
                .extracting(SandboxMessage::title).containsExactly("after the restart"));
        assertThat(server.connectionsAccepted()).isEqualTo(2);
    }

    private MimeMessage email(String to, String subject, String messageId) throws Exception {
        MimeMessage mail = new MimeMessage(smtp.getSession());
        mail.setFrom(new InternetAddress("hub@example.com"));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        mail.setSubject(subject, "UTF-8");
        mail.setText("body of " + subject, "UTF-8");
        if (messageId != null) {
            mail.setHeader("Message-ID", messageId);
        }
        return mail;
    }
}
