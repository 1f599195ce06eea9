package routes.sandbox;

import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.auth.ApnsVerificationKey;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.MockApnsServerListener;
import com.eatthepath.pushy.apns.server.PushNotificationHandler;
import com.eatthepath.pushy.apns.server.PushNotificationHandlerFactory;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The embedded default's APNs: Pushy's MockApnsServer over TLS and HTTP/2 in this process. It
 * checks what Apple checks ({@link ApnsChecks}: the provider token's signature, key id and team,
 * the topic, a 64-hex device token, priority and push type) and records what it accepted in the
 * sandbox outbox. Its TLS certificate is made at startup ({@link SandboxCertificate}).
 * Tests can make a token unregistered or script the next answers.
 */
public class SandboxApnsServer {

    public static final String KEY_ID = "SANDBOXKEY";
    public static final String TEAM_ID = "SANDBOXTEA";
    private static final String DEVICE_PATH = "/3/device/";

    private final Set<String> topics;
    private final SandboxOutbox outbox;
    private final ObjectMapper json;
    private final Map<String, Instant> unregistered = new ConcurrentHashMap<>();
    private final Map<String, Queue<RejectionReason>> scriptedRejections = new ConcurrentHashMap<>();
    private final ApnsSigningKey signingKey;
    private final ApnsVerificationKey verificationKey;
    private final SandboxCertificate tls = SandboxCertificate.forLocalhost();
    private final EventLoopGroup eventLoops;
    private MockApnsServer server;
    private int port;

    /** Accepts the given bundle ids (blank ones ignored): the iOS app's and the macOS app's. */
    public SandboxApnsServer(Set<String> topics, EventLoopGroup eventLoops, SandboxOutbox outbox, ObjectMapper json)
            throws Exception {
        this.topics = topics;
        this.eventLoops = eventLoops;
        this.outbox = outbox;
        this.json = json;
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        var keys = generator.generateKeyPair();
        this.signingKey = new ApnsSigningKey(KEY_ID, TEAM_ID, (ECPrivateKey) keys.getPrivate());
        this.verificationKey = new ApnsVerificationKey(KEY_ID, TEAM_ID, (ECPublicKey) keys.getPublic());
    }

    public void start() throws Exception {
        server = new MockApnsServerBuilder()
                .setServerCredentials(new X509Certificate[] {tls.certificate()}, tls.privateKey(), null)
                .setEventLoopGroup(eventLoops)
                .setHandlerFactory(validatingUnlessScripted())
                .setListener(new Recorder())
                .build();
        port = server.start(0).get();
    }

    public void stop() throws Exception {
        if (server != null) {
            server.shutdown().get();
        }
    }

    public int port() {
        return port;
    }

    /** The key the hub signs its provider tokens with; the server holds the matching public key. */
    public ApnsSigningKey signingKey() {
        return signingKey;
    }

    /** The self-signed certificate the server presents, for the client to trust. */
    public X509Certificate certificate() {
        return tls.certificate();
    }

    /** From now on, APNs answers 410 Unregistered for this token, as for an uninstalled app. */
    public void unregister(String token) {
        unregistered.put(token, Instant.now());
    }

    /** The next notification to this token is refused with this reason (for example 503 ServiceUnavailable). */
    public void rejectNext(String token, RejectionReason reason) {
        scriptedRejections.computeIfAbsent(token, t -> new ConcurrentLinkedQueue<>()).add(reason);
    }

    private PushNotificationHandlerFactory validatingUnlessScripted() {
        var verifiedTokens = ApnsChecks.verifiedTokens();
        return session -> {
            PushNotificationHandler checks = new ApnsChecks(topics, unregistered, Map.of(KEY_ID, verificationKey),
                    verifiedTokens);
            return (headers, payload) -> {
                Queue<RejectionReason> script = scriptedRejections.get(tokenOf(headers));
                RejectionReason scripted = script == null ? null : script.poll();
                if (scripted != null) {
                    throw new RejectedNotificationException(scripted);
                }
                checks.handlePushNotification(headers, payload);
            };
        };
    }

    private static String tokenOf(Http2Headers headers) {
        String path = String.valueOf(headers.path());
        return path.startsWith(DEVICE_PATH) ? path.substring(DEVICE_PATH.length()) : path;
    }

    private final class Recorder implements MockApnsServerListener {
        @Override
        public void handlePushNotificationAccepted(Http2Headers headers, ByteBuf payload) {
            try {
                JsonNode body = json.readTree(payload.toString(StandardCharsets.UTF_8));
                JsonNode alert = body.path("aps").path("alert");
                Map<String, String> data = new LinkedHashMap<>();
                body.properties().forEach(field -> {
                    if (!field.getKey().equals("aps") && !field.getKey().equals("notify")) {
                        data.put(field.getKey(), field.getValue().asText());
                    }
                });
                Map<String, String> apnsHeaders = new LinkedHashMap<>();
                headers.forEach(header -> {
                    if (header.getKey().toString().startsWith("apns-")) {
                        apnsHeaders.put(header.getKey().toString(), header.getValue().toString());
                    }
                });
                outbox.record(new SandboxMessage(body.path("notify").path("deliveryId").asText(null),
                        body.path("notify").path("notificationId").asText(null), "push", "apns",
                        tokenOf(headers), alert.path("title").asText(null),
                        alert.path("body").asText(null), data,
                        "10".equals(apnsHeaders.get("apns-priority")) ? "high" : "normal", Instant.now(),
                        apnsHeaders));
            } catch (IOException e) {
                throw new IllegalStateException("APNs sandbox received a payload that is not JSON", e);
            }
        }

        @Override
        public void handlePushNotificationRejected(Http2Headers headers, ByteBuf payload, RejectionReason reason,
                Instant deviceTokenExpirationTimestamp) {
            // Refusals are visible where they matter: in the delivery's status.
        }
    }
}
