package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import routes.support.PackagedHub;

/**
 * What an operator of a deployed hub sees: the jar runs with its management endpoints closed, as
 * outside the embedded default, so health stays open for probes and everything else under
 * /actuator asks for an API key; Hawtio, opened in headless Chromium with that key, lists the
 * routes that carried real traffic with their exchange counts. The screenshot is left in
 * target/hawtio-routes.png. Its log is JSON, as a log collector reads it.
 */
class OperatorConsoleIT {

    private static final String KEY = "dev-secret-key";
    private static final String BEARER = "Bearer " + KEY;
    private static final Path BROWSER_TEST = Path.of("src/test/browser");
    private static final Path SCREENSHOT = Path.of("target/hawtio-routes.png");
    private static final String TOKEN = "console-token-4c1d9e7f02";
    private static final String EMAIL = "console-reader@example.com";
    private static final String PHONE = "+821055501234";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PackagedHub hub;
    private static String notificationId;

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void startTheJar() throws IOException {
        hub = PackagedHub.start(dataDir, "--notify.management.open=false", "--logging.structured.format.console=ecs");
    }

    @AfterAll
    static void stopTheJar() throws InterruptedException {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void healthIsOpenAndTheRestOfActuatorAsksForAnApiKey() {
        assertThat(hub.send("GET", "/actuator/health/liveness", null, null).statusCode()).isEqualTo(200);
        assertThat(hub.send("GET", "/actuator/health/readiness", null, null).statusCode()).isEqualTo(200);
        for (String path : List.of("/actuator/hawtio/", "/actuator/jolokia/version", "/actuator/prometheus")) {
            var refused = hub.send("GET", path, null, null);
            assertThat(refused.statusCode()).as(path).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Basic"));
            assertThat(hub.send("GET", path, null, "Bearer wrong-key").statusCode()).as(path).isEqualTo(401);
            assertThat(hub.send("GET", path, null, BEARER).statusCode()).as(path).isEqualTo(200);
        }
        for (String sneaky : List.of("/actuator/health/../jolokia/version", "/actuator/health/%2e%2e/prometheus",
                "/actuator/health;x/../../actuator/prometheus")) {
            assertThat(hub.send("GET", sneaky, null, null).statusCode()).as(sneaky).isIn(400, 401, 404);
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString(("anyone:" + KEY).getBytes(StandardCharsets.UTF_8));
        var console = hub.send("GET", "/actuator/hawtio/", null, basic);
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).contains("Hawtio");
    }

    /** A notification to console-user's device and mailbox, once, delivered before any test looks. */
    private static synchronized String notificationDelivered() {
        if (notificationId == null) {
            assertThat(hub.send("PUT", "/api/v1/users/console-user",
                    "{\"email\":\"" + EMAIL + "\",\"phone\":\"" + PHONE + "\"}", BEARER).statusCode()).isEqualTo(200);
            assertThat(hub.send("POST", "/api/v1/users/console-user/devices",
                    "{\"platform\":\"android\",\"token\":\"" + TOKEN + "\"}", BEARER).statusCode()).isEqualTo(201);
            var accepted = hub.send("POST", "/api/v1/notifications",
                    "{\"eventId\":\"console-1\",\"userId\":\"console-user\",\"body\":\"watched\"}", BEARER);
            assertThat(accepted.statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> hub.send("GET", "/api/v1/sandbox/messages?to=" + TOKEN,
                    null, BEARER).body().contains("\"body\":\"watched\"") && hub.send("GET",
                    "/api/v1/sandbox/messages?to=" + EMAIL, null, BEARER).body().contains("\"body\":\"watched\"")
                    && hub.send("GET", "/api/v1/sandbox/messages?to=%2B" + PHONE.substring(1), null, BEARER).body()
                            .contains("\"body\":\"watched\""));
            notificationId = accepted.body().replaceAll(".*\"notificationId\":\"([^\"]+)\".*", "$1");
        }
        return notificationId;
    }

    @Test
    void eachDeliveryLogsAJsonLineWithItsIdsAndNoPersonalData() throws IOException {
        String id = notificationDelivered();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<JsonNode> outcomes = new ArrayList<>();
            for (String line : Files.readAllLines(hub.log())) {
                if (line.startsWith("{") && line.contains(id)) {
                    outcomes.add(JSON.readTree(line));
                }
            }
            assertThat(outcomes).extracting(line -> line.path("channel").asText()).contains("push", "email", "sms");
            assertThat(outcomes).allSatisfy(line -> {
                assertThat(line.path("notificationId").asText()).isEqualTo(id);
                assertThat(line.path("deliveryId").asText()).hasSize(36);
                assertThat(line.path("message").asText()).startsWith("Delivery SENT");
            });
        });
        String log = Files.readString(hub.log());
        assertThat(log).doesNotContain(TOKEN).doesNotContain(EMAIL).doesNotContain(PHONE.substring(1))
                .contains("c***@example.com", "+8210*****234");
    }

    @Test
    void hawtioListsTheIntakeAndDeliveryRoutesWithTheirExchanges() throws Exception {
        notificationDelivered();

        requireBrowser();
        List<String> command = new ArrayList<>(List.of("node", "hawtio-routes.mjs", hub.baseUrl(), KEY,
                SCREENSHOT.toAbsolutePath().toString(),
                "intake-rest", "accept", "fan-out", "deliver-fcm", "send-email-request"));
        Path output = dataDir.resolve("browser.log");
        Process browser = new ProcessBuilder(command).directory(BROWSER_TEST.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        boolean finished = browser.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            browser.destroyForcibly();
        }
        String said = Files.readString(output);
        assertThat(finished).as("the browser test did not finish in 3 minutes:\n%s", said).isTrue();
        assertThat(browser.exitValue()).as("the browser test failed:\n%s", said).isZero();
        assertThat(said).contains("deliver-fcm: ");
        assertThat(SCREENSHOT).isNotEmptyFile();
    }

    /**
     * CI ({@code .ci/run} sets NOTIFY_BROWSER_TEST=required) fails when Chromium or playwright-core is
     * missing; a developer's {@code mvn verify} without them skips this test, saying what to install.
     */
    private static void requireBrowser() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium")))) {
            missing.add("Chromium (apt-get install chromium)");
        }
        if (!Files.isDirectory(BROWSER_TEST.resolve("node_modules/playwright-core"))) {
            missing.add("playwright-core (npm ci --prefix src/test/browser)");
        }
        if (!onPath("node")) {
            missing.add("node");
        }
        String why = "the Hawtio browser test needs " + String.join(", ", missing) + "; . .ci/browser.sh installs them";
        if ("required".equals(System.getenv("NOTIFY_BROWSER_TEST"))) {
            assertThat(missing).as(why).isEmpty();
        }
        Assumptions.assumeTrue(missing.isEmpty(), why);
    }

    private static boolean onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }
}
