package routes.sandbox;

import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsVerificationKey;
import com.eatthepath.pushy.apns.auth.AuthenticationToken;
import com.eatthepath.pushy.apns.server.PushNotificationHandler;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.UnregisteredDeviceTokenException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What APNs checks of each push over token authentication, in the order and with the reasons of
 * Pushy's validating handler, but with the provider token's signature verified once per distinct
 * token and the token then trusted until it expires, as APNs accepts one token for up to an hour.
 * Pushy's handler checks the ECDSA signature on every push, which cost more CPU than anything
 * else the sandbox did; its validating handlers are package-private, so they cannot be reused
 * with a cache in front. One instance per connection: a connection keeps to one team.
 */
final class ApnsChecks implements PushNotificationHandler {

    private static final AsciiString TOPIC = new AsciiString("apns-topic");
    private static final AsciiString APNS_ID = new AsciiString("apns-id");
    private static final AsciiString PRIORITY = new AsciiString("apns-priority");
    private static final AsciiString PUSH_TYPE = new AsciiString("apns-push-type");
    private static final AsciiString COLLAPSE_ID = new AsciiString("apns-collapse-id");
    private static final AsciiString AUTHORIZATION = new AsciiString("authorization");
    private static final String BEARER = "bearer ";
    private static final String DEVICE_PATH = "/3/device/";
    private static final Pattern DEVICE_TOKEN = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final int MAX_PAYLOAD_BYTES = 4096;
    private static final int MAX_COLLAPSE_ID_BYTES = 64;

    /** Signature-checked provider tokens, shared by all connections. */
    static Cache<String, AuthenticationToken> verifiedTokens() {
        return Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(TOKEN_LIFETIME)
                // upkeep in passing, not a common-pool thread woken for it per few pushes
                .executor(Runnable::run)
                .build();
    }

    private final Set<String> topics;
    private final Map<String, Instant> unregistered;
    private final Map<String, ApnsVerificationKey> keysById;
    private final Cache<String, AuthenticationToken> verified;
    private String connectionTeamId;

    ApnsChecks(Set<String> topics, Map<String, Instant> unregistered, Map<String, ApnsVerificationKey> keysById,
            Cache<String, AuthenticationToken> verified) {
        this.topics = topics;
        this.unregistered = unregistered;
        this.keysById = keysById;
        this.verified = verified;
    }

    @Override
    public void handlePushNotification(Http2Headers headers, ByteBuf payload) throws RejectedNotificationException {
        CharSequence topic = headers.get(TOPIC);
        if (topic == null) {
            throw rejected(RejectionReason.MISSING_TOPIC);
        }
        CharSequence apnsId = headers.get(APNS_ID);
        if (apnsId != null && !isUuid(apnsId)) {
            throw rejected(RejectionReason.BAD_MESSAGE_ID);
        }
        authenticate(headers.get(AUTHORIZATION), topic.toString());
        checkPriorityAndPushType(headers.get(PRIORITY), headers.get(PUSH_TYPE));
        String path = String.valueOf(headers.path());
        if (!path.startsWith(DEVICE_PATH)) {
            throw rejected(RejectionReason.BAD_PATH);
        }
        String deviceToken = path.substring(DEVICE_PATH.length());
        if (!DEVICE_TOKEN.matcher(deviceToken).matches()) {
            throw rejected(RejectionReason.BAD_DEVICE_TOKEN);
        }
        Instant gone = unregistered.get(deviceToken);
        if (gone != null) {
            throw new UnregisteredDeviceTokenException(gone);
        }
        CharSequence collapseId = headers.get(COLLAPSE_ID);
        if (collapseId != null && collapseId.toString().getBytes(StandardCharsets.UTF_8).length > MAX_COLLAPSE_ID_BYTES) {
            throw rejected(RejectionReason.BAD_COLLAPSE_ID);
        }
        if (payload == null || payload.readableBytes() == 0) {
            throw rejected(RejectionReason.PAYLOAD_EMPTY);
        }
        if (payload.readableBytes() > MAX_PAYLOAD_BYTES) {
            throw rejected(RejectionReason.PAYLOAD_TOO_LARGE);
        }
    }

    private void authenticate(CharSequence authorization, String topic) throws RejectedNotificationException {
        if (authorization == null || !authorization.toString().startsWith(BEARER)) {
            throw rejected(RejectionReason.MISSING_PROVIDER_TOKEN);
        }
        String encoded = authorization.toString().substring(BEARER.length());
        AuthenticationToken token = verified.getIfPresent(encoded);
        if (token == null) {
            token = verify(encoded);
            verified.put(encoded, token);
        }
        if (token.getIssuedAt().plus(TOKEN_LIFETIME).isBefore(Instant.now())) {
            throw rejected(RejectionReason.EXPIRED_PROVIDER_TOKEN);
        }
        // the key is the sandbox app's; in the sandbox every well-formed device token belongs to it
        if (!topics.contains(topic)) {
            throw rejected(RejectionReason.INVALID_PROVIDER_TOKEN);
        }
        if (connectionTeamId == null) {
            connectionTeamId = token.getTeamId();
        } else if (!connectionTeamId.equals(token.getTeamId())) {
            throw rejected(RejectionReason.INVALID_PROVIDER_TOKEN);
        }
    }

    private AuthenticationToken verify(String encoded) throws RejectedNotificationException {
        AuthenticationToken token;
        try {
            token = new AuthenticationToken(encoded);
        } catch (RuntimeException unreadable) {
            throw rejected(RejectionReason.INVALID_PROVIDER_TOKEN);
        }
        ApnsVerificationKey key = keysById.get(token.getKeyId());
        if (key == null || !key.getTeamId().equals(token.getTeamId()) || !token.verifySignature(key)) {
            throw rejected(RejectionReason.INVALID_PROVIDER_TOKEN);
        }
        return token;
    }

    private static void checkPriorityAndPushType(CharSequence priority, CharSequence pushType)
            throws RejectedNotificationException {
        try {
            if (priority != null) {
                DeliveryPriority.getFromCode(Integer.parseInt(priority.toString()));
            }
        } catch (IllegalArgumentException e) {
            throw rejected(RejectionReason.BAD_PRIORITY);
        }
        try {
            if (pushType != null) {
                PushType.getFromHeaderValue(pushType);
            }
        } catch (IllegalArgumentException e) {
            throw rejected(RejectionReason.INVALID_PUSH_TYPE);
        }
    }

    private static boolean isUuid(CharSequence value) {
        try {
            UUID.fromString(value.toString());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static RejectedNotificationException rejected(RejectionReason reason) {
        return new RejectedNotificationException(reason);
    }
}
