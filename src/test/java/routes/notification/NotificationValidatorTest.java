package routes.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import routes.api.ApiProblem;
import routes.api.ApiProblem.FieldError;
import routes.delivery.Channel;
import routes.delivery.ContentFault;
import routes.provider.ProviderReceipt;
import routes.provider.sms.SmsGateway;

/** Intake's validation of a notification request, without the hub: every wrong field is named at once. */
class NotificationValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The primary SMS gateway, refusing any body that contains {@code UNFIT}; it records what it was asked. */
    private static final class PickySms implements SmsGateway {

        final List<String> askedAbout = new ArrayList<>();

        @Override
        public String name() {
            return "picky";
        }

        @Override
        public boolean configured() {
            return true;
        }

        @Override
        public boolean reaches(String phone) {
            return true;
        }

        @Override
        public List<Misfit> misfits(String title, String body) {
            askedAbout.add(title + "|" + body);
            return body.contains("UNFIT") ? List.of(new Misfit("body", "cannot go through picky", ContentFault.CONTENT_TOO_LONG)) : List.of();
        }

        @Override
        public void request(Exchange exchange) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ProviderReceipt answer(Exchange exchange) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void unreachable(Exchange exchange) {
            throw new UnsupportedOperationException();
        }
    }

    private final PickySms sms = new PickySms();
    private static final Instant NOW = Instant.parse("2030-01-01T09:00:00Z");
    private final NotificationValidator validator = new NotificationValidator(sms, null,
            Clock.fixed(NOW, ZoneOffset.UTC));

    /** A valid request, changed by {@code changes} (a null value removes the field). */
    private static String request(Object... changes) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("eventId", "order-1");
        fields.put("userId", "u-1");
        fields.put("body", "Your order has shipped");
        for (int i = 0; i < changes.length; i += 2) {
            if (changes[i + 1] == null) {
                fields.remove((String) changes[i]);
            } else {
                fields.put((String) changes[i], changes[i + 1]);
            }
        }
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ApiProblem problemWith(Object... changes) {
        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> validator.validated(request(changes)));
        assertThat(problem).as("an ApiProblem for %s", Arrays.asList(changes)).isNotNull();
        assertThat(problem.status()).isEqualTo(400);
        return problem;
    }

    private List<String> fieldsWrongWith(Object... changes) {
        return problemWith(changes).errors().stream().map(FieldError::field).toList();
    }

    @Nested
    class AValidRequest {

        @Test
        void isNormalisedWithDefaults() {
            ValidNotification valid = validator.validated(request());

            assertThat(valid.eventId()).isEqualTo("order-1");
            assertThat(valid.notificationId()).isEqualTo(ValidNotification.idOf("order-1"));
            assertThat(valid.userIds()).containsExactly("u-1");
            assertThat(valid.channels()).as("its category's, or all: fan-out decides").isNull();
            assertThat(valid.priority()).as("its category's, or high: fan-out decides").isNull();
            assertThat(valid.data()).isEmpty();
            assertThat(valid.background()).isFalse();
        }

        @Test
        void keepsItsUsersInOrderWithoutRepeats() {
            ValidNotification valid = validator.validated(request("userId", null, "userIds", List.of("b", "a", "b")));
            assertThat(valid.userIds()).containsExactly("b", "a");
        }

        @Test
        void takesPriorityInAnyCase() {
            assertThat(validator.validated(request("priority", "NORMAL")).priority()).isEqualTo(Priority.NORMAL);
            assertThat(validator.validated(request("priority", "high")).priority()).isEqualTo(Priority.HIGH);
            assertThat(validator.validated(request("priority", "bulk")).priority()).isEqualTo(Priority.BULK);
        }

        @Test
        void acceptsTheLimitsThemselves() {
            ValidNotification valid = validator.validated(request(
                    "userId", null,
                    "userIds", IntStream.range(0, 1000).mapToObj(i -> "u" + i).toList(),
                    "eventId", "e".repeat(256),
                    "ttlSeconds", 28 * 24 * 3600,
                    "collapseKey", "k".repeat(64),
                    "title", "t".repeat(1024),
                    "channels", List.of("email")));
            assertThat(valid.userIds()).hasSize(1000);
            assertThat(valid.ttlSeconds()).isEqualTo(2_419_200);
            assertThat(validator.validated(request("ttlSeconds", 1)).ttlSeconds()).isEqualTo(1);
        }
    }

    @Nested
    class RequiredFields {

        @Test
        void aMissingOrBlankEventIdIsNamed() {
            assertThat(fieldsWrongWith("eventId", null)).containsExactly("eventId");
            assertThat(fieldsWrongWith("eventId", "  ")).containsExactly("eventId");
        }

        @Test
        void anEventIdOver256CharactersIsNamed() {
            assertThat(fieldsWrongWith("eventId", "e".repeat(257))).containsExactly("eventId");
        }

        @Test
        void aMissingOrBlankBodyIsNamed() {
            assertThat(fieldsWrongWith("body", null)).containsExactly("body");
            assertThat(fieldsWrongWith("body", " ")).containsExactly("body");
        }

        @Test
        void aTitleOver1024CharactersIsNamed() {
            assertThat(fieldsWrongWith("title", "t".repeat(1025), "channels", List.of("email")))
                    .containsExactly("title");
        }
    }

    @Nested
    class Users {

        @Test
        void neitherUserIdNorUserIdsIsNamedAsAMissingUserId() {
            assertThat(fieldsWrongWith("userId", null)).containsExactly("userId");
        }

        @Test
        void userIdAndUserIdsTogetherAreRefused() {
            assertThat(fieldsWrongWith("userIds", List.of("u-2"))).containsExactly("userIds");
        }

        @Test
        void moreThan1000UserIdsAreRefused() {
            ApiProblem problem = problemWith("userId", null,
                    "userIds", IntStream.range(0, 1001).mapToObj(i -> "u" + i).toList());
            assertThat(problem.errors()).extracting(FieldError::field).containsExactly("userIds");
            assertThat(problem.errors().get(0).message()).contains("1001");
        }

        @Test
        void anEmptyUserIdsListIsRefused() {
            assertThat(fieldsWrongWith("userId", null, "userIds", List.of())).containsExactly("userIds");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "has space", "a/b", "사용자"})
        void aUserIdWithOtherCharactersIsRefused(String userId) {
            assertThat(fieldsWrongWith("userId", userId)).containsExactly("userId");
        }

        @Test
        void eachInvalidEntryOfUserIdsIsNamedByItsIndex() {
            assertThat(fieldsWrongWith("userId", null, "userIds", List.of("ok", "not ok", "fine", "a/b")))
                    .containsExactly("userIds[1]", "userIds[3]");
        }

        @Test
        void aUserIdOver128CharactersIsRefused() {
            assertThat(fieldsWrongWith("userId", "u".repeat(129))).containsExactly("userId");
        }
    }

    @Nested
    class Channels {

        @Test
        void anUnknownChannelIsNamedByItsIndex() {
            ApiProblem problem = problemWith("channels", List.of("sms", "fax"));
            assertThat(problem.errors()).extracting(FieldError::field).containsExactly("channels[1]");
            assertThat(problem.errors().get(0).message()).contains("fax");
        }

        @Test
        void anEmptyListOfChannelsIsRefused() {
            assertThat(fieldsWrongWith("channels", List.of())).containsExactly("channels");
        }

        @Test
        void channelsAreMatchedCaseSensitively() {
            assertThat(fieldsWrongWith("channels", List.of("SMS"))).containsExactly("channels[0]");
        }

        @Test
        void theNamedChannelsAreKept() {
            assertThat(validator.validated(request("channels", List.of("push", "email", "push"))).channels())
                    .containsExactlyInAnyOrder(Channel.PUSH, Channel.EMAIL);
        }

        @Test
        void aCategoryOutsideTheAllowedCharactersIsRefused() {
            assertThat(fieldsWrongWith("category", "two words")).containsExactly("category");
            assertThat(fieldsWrongWith("category", "c".repeat(65))).containsExactly("category");
            assertThat(validator.validated(request("category", "orders.shipped_v-2")).category())
                    .isEqualTo("orders.shipped_v-2");
        }
    }

    @Nested
    class Data {

        @Test
        void valuesThatAreNotStringsAreNamedWithTheirJsonType() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("count", 3);
            data.put("flag", true);
            data.put("nested", Map.of("a", "b"));
            data.put("list", List.of("a"));
            data.put("nothing", null);
            data.put("fine", "text");
            ApiProblem problem = problemWith("data", data);

            assertThat(problem.errors()).extracting(FieldError::field, FieldError::message).containsExactly(
                    tuple("data.count", "must be a string (got number)"),
                    tuple("data.flag", "must be a string (got boolean)"),
                    tuple("data.nested", "must be a string (got object)"),
                    tuple("data.list", "must be a string (got array)"),
                    tuple("data.nothing", "must be a string (got null)"));
        }

        @Test
        void stringValuesAreKept() {
            assertThat(validator.validated(request("data", Map.of("orderId", "42"))).data())
                    .containsExactly(Map.entry("orderId", "42"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"aps", "notify"})
        void keysOfThePushPayloadItselfAreReserved(String key) {
            assertThat(fieldsWrongWith("data", Map.of(key, "x"), "channels", List.of("email")))
                    .containsExactly("data." + key);
        }

        @Test
        void theNotifyKeyIsNamedWhenPushIsAmongTheChannels() {
            assertThat(fieldsWrongWith("data", Map.of("notify", "x"))).containsExactly("data.notify");
        }

        @Test
        void theApsKeyIsNamedWhenPushIsAmongTheChannels() {
            ApiProblem problem = catchThrowableOfType(ApiProblem.class,
                    () -> validator.validated(request("data", Map.of("aps", "x"))));
            assertThat(problem).isNotNull();
            assertThat(problem.errors()).extracting(FieldError::field).containsExactly("data.aps");
        }

        @ParameterizedTest
        @ValueSource(strings = {"notify.notificationId", "notify.anything"})
        void keysUnderTheHubsOwnPrefixAreReserved(String key) {
            assertThat(fieldsWrongWith("data", Map.of(key, "x"))).containsExactly("data." + key);
        }

        @ParameterizedTest
        @ValueSource(strings = {"from", "message_type", "google", "google.c.a", "gcm", "gcm.notification.title"})
        void keysFcmRefusesAreReserved(String key) {
            ApiProblem problem = problemWith("data", Map.of(key, "x"));
            assertThat(problem.errors()).extracting(FieldError::field).containsExactly("data." + key);
            assertThat(problem.errors().get(0).message()).contains("FCM");
        }

        @ParameterizedTest
        @ValueSource(strings = {"From", "sender", "notifyx", "my.google", "apsx", "message"})
        void keysThatOnlyResembleReservedOnesAreAllowed(String key) {
            assertThat(validator.validated(request("data", Map.of(key, "x"))).data()).containsKey(key);
        }
    }

    @Nested
    class SendAt {

        @Test
        void aFutureInstantWithin30DaysIsKeptAndLeftOutMeansAtOnce() {
            assertThat(validator.validated(request()).sendAt()).isNull();
            assertThat(validator.validated(request("sendAt", "2030-01-01T09:00:01Z")).sendAt())
                    .isEqualTo(NOW.plusSeconds(1));
            assertThat(validator.validated(request("sendAt", "2030-01-31T09:00:00Z")).sendAt())
                    .as("30 days ahead, the furthest").isEqualTo(NOW.plus(Duration.ofDays(30)));
        }

        @Test
        void anOffsetOtherThanZIsTheSameInstant() {
            assertThat(validator.validated(request("sendAt", "2030-01-01T18:30:00+09:00")).sendAt())
                    .isEqualTo(Instant.parse("2030-01-01T09:30:00Z"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"2030-01-01T09:00:00Z", "2029-12-31T23:00:00Z", "2030-01-31T09:00:01Z",
                "2031-01-01T00:00:00Z"})
        void aMomentNowOrPastOrBeyond30DaysIsRefused(String sendAt) {
            assertThat(fieldsWrongWith("sendAt", sendAt)).containsExactly("sendAt");
        }

        @ParameterizedTest
        @ValueSource(strings = {"tomorrow", "2030-01-02", "2030-01-02T09:00:00", "1893488400"})
        void whatIsNotAnInstantIsRefused(String sendAt) {
            assertThat(problemWith("sendAt", sendAt).errors()).singleElement()
                    .satisfies(error -> assertThat(error.message()).contains("ISO-8601 instant"));
        }

        @Test
        void aRecordOnTheKafkaIntakeIsJudgedAsWhenItWasWrittenNotWhenItIsRead() throws Exception {
            String request = request("sendAt", "2030-01-01T08:59:00Z");
            try (DefaultCamelContext camel = new DefaultCamelContext()) {
                Exchange record = new DefaultExchange(camel);
                record.getMessage().setHeader(KafkaConstants.TIMESTAMP, NOW.minusSeconds(120).toEpochMilli());

                assertThat(validator.validate(bytesOf(request), record).sendAt())
                        .as("ahead when written, passed by now: sent at once").isEqualTo(NOW.minusSeconds(60));

                record.getMessage().setHeader(KafkaConstants.TIMESTAMP, NOW.plusSeconds(3600).toEpochMilli());
                assertThat(catchThrowableOfType(ApiProblem.class, () -> validator.validate(bytesOf(request), record)))
                        .as("a timestamp ahead of now counts as now").isNotNull();
            }
        }

        @Test
        void aNumberIsRefusedAsNotAnInstant() {
            assertThat(fieldsWrongWith("sendAt", 1893488400)).containsExactly("sendAt");
        }
    }

    @Nested
    class DeliveryOptions {

        @ParameterizedTest
        @ValueSource(ints = {0, -1, 2_419_201})
        void aTtlOutsideOneSecondTo28DaysIsRefused(int ttl) {
            assertThat(fieldsWrongWith("ttlSeconds", ttl)).containsExactly("ttlSeconds");
        }

        @Test
        void aCollapseKeyOver64BytesIsRefusedCountingUtf8Bytes() {
            assertThat(fieldsWrongWith("collapseKey", "k".repeat(65))).containsExactly("collapseKey");
            // 22 Hangul syllables are 66 bytes in UTF-8, though only 22 characters
            assertThat(fieldsWrongWith("collapseKey", "가".repeat(22))).containsExactly("collapseKey");
            assertThat(validator.validated(request("collapseKey", "가".repeat(21))).collapseKey()).hasSize(21);
        }

        @Test
        void aBlankCollapseKeyIsRefused() {
            assertThat(fieldsWrongWith("collapseKey", " ")).containsExactly("collapseKey");
        }

        @ParameterizedTest
        @ValueSource(strings = {"urgent", "low", ""})
        void aPriorityOtherThanHighNormalOrBulkIsRefused(String priority) {
            ApiProblem problem = problemWith("priority", priority);
            assertThat(problem.errors()).containsExactly(new FieldError("priority", "must be high, normal or bulk"));
        }
    }

    @Nested
    class ControlCharacters {

        @ParameterizedTest
        @ValueSource(strings = {"eventId", "title", "collapseKey"})
        void oneLineFieldsRefuseEveryControlCharacter(String field) {
            assertThat(fieldsWrongWith(field, "a\u0000b", "channels", List.of("email"))).containsExactly(field);
            assertThat(fieldsWrongWith(field, "a\nb", "channels", List.of("email"))).containsExactly(field);
            assertThat(fieldsWrongWith(field, "a\u007fb", "channels", List.of("email"))).containsExactly(field);
        }

        @Test
        void theBodyAndDataValuesKeepLineBreaksAndTabs() {
            ValidNotification valid = validator.validated(request("body", "line 1\r\nline 2\n\tend",
                    "data", Map.of("note", "a\nb\tc")));
            assertThat(valid.body()).isEqualTo("line 1\r\nline 2\n\tend");
            assertThat(valid.data()).containsEntry("note", "a\nb\tc");
        }

        @Test
        void theBodyAndDataValuesRefuseOtherControlCharacters() {
            assertThat(fieldsWrongWith("body", "bell\u0007")).containsExactly("body");
            assertThat(fieldsWrongWith("data", Map.of("note", "nul\u0000"))).containsExactly("data.note");
        }

        @Test
        void aDataKeyIsOneLine() {
            assertThat(fieldsWrongWith("data", Map.of("a\nb", "x"))).containsExactly("data.a\nb");
        }

        @Test
        void theProblemSaysWhichCharacter() {
            assertThat(problemWith("eventId", "e\u001b").errors().get(0).message()).contains("U+001B");
        }
    }

    @Nested
    class PushPayloadSize {

        @Test
        void aBodyThatMakesAPushPayloadOverApnsLimitIsRefused() {
            ApiProblem problem = problemWith("body", "b".repeat(4_096));
            assertThat(problem.errors()).extracting(FieldError::field).containsExactly("body");
            assertThat(problem.errors().get(0).message()).contains("APNs takes at most 4096");
        }

        @Test
        void titleAndDataCountTowardsThePushPayload() {
            Map<String, String> data = new HashMap<>();
            data.put("blob", "d".repeat(2_000));
            assertThat(fieldsWrongWith("title", "t".repeat(1_000), "body", "b".repeat(1_500), "data", data))
                    .containsExactly("body");
            assertThat(validator.validated(request("body", "b".repeat(1_500), "data", data)).body()).hasSize(1_500);
        }

        @Test
        void aBodyTooBigForPushIsFineWhenPushIsNotAsked() {
            assertThat(validator.validated(request("body", "b".repeat(5_000), "channels", List.of("email"))).body())
                    .hasSize(5_000);
        }
    }

    @Nested
    class SmsText {

        @Test
        void whatThePrimarySmsGatewayCannotCarryIsNamed() {
            ApiProblem problem = problemWith("body", "UNFIT text", "channels", List.of("sms"));
            assertThat(problem.errors()).containsExactly(new FieldError("body", "cannot go through picky"));
        }

        @Test
        void thePrimarySmsGatewayIsAskedAboutTitleAndBody() {
            validator.validated(request("title", "Shipped", "channels", List.of("sms")));
            assertThat(sms.askedAbout).containsExactly("Shipped|Your order has shipped");
        }

        @Test
        void theSmsGatewayIsNotAskedWhenSmsIsNotAmongTheChannels() {
            assertThat(validator.validated(request("body", "UNFIT text", "channels", List.of("push", "email"))).body())
                    .isEqualTo("UNFIT text");
            assertThat(sms.askedAbout).isEmpty();
        }

        @Test
        void theSmsGatewayIsAskedWhenChannelsAreLeftOutForAll() {
            assertThat(fieldsWrongWith("body", "UNFIT text")).containsExactly("body");
        }
    }

    @Nested
    class OneAnswerForEverything {

        @Test
        void everyWrongFieldIsNamedInOneProblem() {
            ApiProblem problem = problemWith(
                    "eventId", null,
                    "userIds", List.of("u-2"),
                    "category", "no spaces allowed",
                    "channels", List.of("sms", "fax"),
                    "data", Map.of("aps", "x"),
                    "priority", "urgent",
                    "ttlSeconds", 0,
                    "collapseKey", "k".repeat(65),
                    "body", "UNFIT");

            assertThat(problem.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                    "eventId", "userIds", "category", "channels[1]", "data.aps", "priority", "ttlSeconds",
                    "collapseKey", "body");
            assertThat(problem.getMessage()).isEqualTo("9 fields are invalid");
            assertThat(problem.title()).isEqualTo("Invalid request");
        }

        @Test
        void aSingleWrongFieldIsNamedInTheDetail() {
            assertThat(problemWith("eventId", null).getMessage()).startsWith("eventId: is required");
        }
    }

    private static InputStream bytesOf(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
