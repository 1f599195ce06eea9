package routes.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import routes.api.ApiProblem.FieldError;

class StrictJsonTest {

    record Profile(String email, String phone) {}

    record Request(String eventId, Map<String, Object> data, List<Map<String, String>> items) {}

    private static ApiProblem refusal(String json, Class<?> type) {
        return catchThrowableOfType(ApiProblem.class, () -> StrictJson.read(json, type));
    }

    @Test
    void aKeyGivenTwiceIsRefusedByName() {
        ApiProblem problem = refusal("{\"email\":\"a@b.co\",\"email\":\"c@d.co\"}", Profile.class);

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.errors()).extracting(FieldError::field).containsExactly("email");
        assertThat(problem.errors().get(0).message()).contains("more than once");
    }

    @Test
    void aKeyGivenTwiceInsideANestedObjectIsNamedWithItsPath() {
        assertThat(refusal("{\"eventId\":\"e\",\"data\":{\"a\":\"1\",\"a\":\"2\"}}", Request.class).errors())
                .extracting(FieldError::field).containsExactly("data.a");
        assertThat(refusal("{\"items\":[{\"k\":\"1\"},{\"k\":\"1\",\"k\":\"2\"}]}", Request.class).errors())
                .extracting(FieldError::field).containsExactly("items[1].k");
    }

    @Test
    void theSameKeyInTwoObjectsIsNotADuplicate() {
        Request request = StrictJson.read("{\"data\":{\"eventId\":\"x\"},\"eventId\":\"e\"}", Request.class);

        assertThat(request.eventId()).isEqualTo("e");
        assertThat(request.data()).containsEntry("eventId", "x");
    }

    @Test
    void brokenJsonIsStillMalformedJson() {
        ApiProblem problem = refusal("{\"email\":", Profile.class);

        assertThat(problem.title()).isEqualTo("Malformed JSON");
        assertThat(problem.errors()).isEmpty();
    }

    @Test
    void aBodyReadAsBytesIsJudgedAsItsTextIs() {
        assertThat(StrictJson.read(bytes("{\"email\":\"\uD55C@b.co\"}"), Profile.class).email()).isEqualTo("\uD55C@b.co");
        assertThat(catchThrowableOfType(ApiProblem.class,
                () -> StrictJson.read(bytes("{\"email\":\"a@b.co\",\"email\":\"c@d.co\"}"), Profile.class)).errors())
                .extracting(FieldError::field).containsExactly("email");
        assertThat(catchThrowableOfType(ApiProblem.class, () -> StrictJson.read(bytes("{\"email\":"), Profile.class))
                .title()).isEqualTo("Malformed JSON");
    }

    @Test
    void anEmptyOrBlankBodyIsRefusedAsEmptyAsTextOrAsBytes() {
        for (ApiProblem problem : List.of(refusal("", Profile.class), refusal(" \n ", Profile.class),
                catchThrowableOfType(ApiProblem.class, () -> StrictJson.read(bytes(" \n "), Profile.class)),
                catchThrowableOfType(ApiProblem.class, () -> StrictJson.read((InputStream) null, Profile.class)))) {
            assertThat(problem.status()).isEqualTo(400);
            assertThat(problem.getMessage()).contains("empty");
        }
    }

    @Test
    void bytesThatAreNotUtf8AreMalformedJson() {
        byte[] latin1 = "{\"email\":\"caf\u00e9@b.co\"}".getBytes(StandardCharsets.ISO_8859_1);

        ApiProblem problem = catchThrowableOfType(ApiProblem.class,
                () -> StrictJson.read(new ByteArrayInputStream(latin1), Profile.class));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.title()).isEqualTo("Malformed JSON");
    }

    private static InputStream bytes(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
