package routes.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.nio.NioEventLoopGroup;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox APNs server, driven by a real Pushy client over TLS and HTTP/2. */
class SandboxApnsServerTest {

    private static final String TOPIC = "com.example.sandbox-test";
    private static final String TOKEN = "ab".repeat(32);
    private static final String PAYLOAD = "{\"aps\":{\"alert\":{\"title\":\"제목\",\"body\":\"본문\"}}}";

    private static NioEventLoopGroup eventLoops;
    private static SandboxOutbox outbox;
    private static SandboxApnsServer server;

    @BeforeAll
    static void start() throws Exception {
        eventLoops = new NioEventLoopGroup(1);
        outbox = new SandboxOutbox(100);
        server = new SandboxApnsServer(Set.of(TOPIC), eventLoops, outbox, new ObjectMapper());
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        eventLoops.shutdownGracefully().sync();
    }

    @Test
    void aProviderTokenIsAcceptedForEveryPushItSigns() throws Exception {
        String token = "01".repeat(32);
        try (var client = clientSigningWith(server.signingKey())) {
            assertThat(send(client, token).isAccepted()).isTrue();
            assertThat(send(client, token).isAccepted()).isTrue();
        }
        assertThat(outbox.receivedBy(token)).hasSize(2)
                .allSatisfy(message -> assertThat(message.title()).isEqualTo("제목"));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefusedEvenWithTheRightKeyIdAndTeam() throws Exception {
        String token = "02".repeat(32);
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        var forged = new ApnsSigningKey(SandboxApnsServer.KEY_ID, SandboxApnsServer.TEAM_ID,
                (ECPrivateKey) generator.generateKeyPair().getPrivate());
        try (var genuine = clientSigningWith(server.signingKey()); var forger = clientSigningWith(forged)) {
            assertThat(send(genuine, token).isAccepted()).isTrue();

            var refused = send(forger, token);

            assertThat(refused.isAccepted()).isFalse();
            assertThat(refused.getRejectionReason()).contains("InvalidProviderToken");
        }
        assertThat(outbox.receivedBy(token)).hasSize(1);
    }

    @Test
    void aTopicTheSandboxAppDoesNotHaveIsRefusedForItsProviderToken() throws Exception {
        try (var client = clientSigningWith(server.signingKey())) {
            var refused = client.apns().sendNotification(
                    new SimpleApnsPushNotification("03".repeat(32), "com.example.other-app", PAYLOAD)).get();

            assertThat(refused.getRejectionReason()).contains("InvalidProviderToken");
        }
    }

    @Test
    void aDeviceTokenThatIsNot64HexDigitsIsABadDeviceToken() throws Exception {
        try (var client = clientSigningWith(server.signingKey())) {
            var refused = send(client, TOKEN.substring(1));

            assertThat(refused.getRejectionReason()).contains("BadDeviceToken");
        }
    }

    @Test
    void aClientThatTrustsAnotherRunsCertificateCannotConnect() throws Exception {
        var otherRun = new SandboxApnsServer(Set.of(TOPIC), eventLoops, outbox, new ObjectMapper());
        assertThat(otherRun.certificate()).isNotEqualTo(server.certificate());
        try (var client = new ClosingClient(new ApnsClientBuilder().setApnsServer("localhost", server.port())
                .setEventLoopGroup(eventLoops).setTrustedServerCertificateChain(otherRun.certificate())
                .setSigningKey(server.signingKey()).build())) {
            assertThatThrownBy(() -> send(client, "03".repeat(32))).isInstanceOf(ExecutionException.class);
        }
        assertThat(outbox.receivedBy("03".repeat(32))).isEmpty();
    }

    @Test
    void noCertificateOrKeyShipsWithTheHub() {
        assertThat(getClass().getResource("/sandbox")).isNull();
    }

    private static ClosingClient clientSigningWith(ApnsSigningKey key) throws Exception {
        return new ClosingClient(new ApnsClientBuilder().setApnsServer("localhost", server.port())
                .setEventLoopGroup(eventLoops).setTrustedServerCertificateChain(server.certificate())
                .setSigningKey(key).build());
    }

    private static PushNotificationResponse<SimpleApnsPushNotification> send(ClosingClient client, String token)
            throws Exception {
        return client.apns().sendNotification(new SimpleApnsPushNotification(token, TOPIC, PAYLOAD)).get();
    }

    private record ClosingClient(ApnsClient apns) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            apns.close().get();
        }
    }
}
