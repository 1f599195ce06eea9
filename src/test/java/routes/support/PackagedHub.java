package routes.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged jar run as {@code java -jar}, on free ports, until it answers its readiness probe. */
public final class PackagedHub implements AutoCloseable {

    public static final Path JAR = Path.of("target/notification-hub.jar");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int port;
    private final Path log;
    private final List<String> command;
    private final Path dataDir;

    private PackagedHub(Process process, int port, Path log, List<String> command, Path dataDir) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.command = command;
        this.dataDir = dataDir;
    }

    public static PackagedHub start(Path dataDir, String... arguments) throws IOException {
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toString(), "--server.port=" + port,
                "--notify.embedded-kafka.port=" + freePort(), "--notify.data-dir=" + dataDir.toAbsolutePath()));
        command.addAll(List.of(arguments));
        return start(command, port, dataDir, "hub.log");
    }

    private static PackagedHub start(List<String> command, int port, Path dataDir, String logFile) throws IOException {
        Path log = dataDir.resolve(logFile);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PackagedHub hub = new PackagedHub(process, port, log, command, dataDir);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .ignoreException(UncheckedIOException.class).until(() -> {
                    assertThat(process.isAlive()).as(() -> exited(log)).isTrue();
                    return hub.send("GET", "/actuator/health/readiness", null, null).statusCode() == 200;
                });
        return hub;
    }

    /** What a test says of a packaged hub that exited while starting: its log's end, deleted with the test's folder. */
    public static String exited(Path log) {
        try {
            List<String> all = Files.readAllLines(log);
            return "hub exited; its log (deleted with the test's folder) ended:\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - 60), all.size()));
        } catch (IOException e) {
            return "hub exited; its log is unreadable: " + e;
        }
    }

        /** SIGKILL, as a crash: no shutdown hook runs, nothing is flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** The same hub started again on its data, ports and settings (after {@link #kill} or {@link #close}). */
    public PackagedHub restart(String logFile) throws IOException {
        return start(command, port, dataDir, logFile);
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public Path log() {
        return log;
    }

    /** A request with {@code authorization} as its Authorization header (none if null). */
    public HttpResponse<String> send(String method, String path, String json, String authorization) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
