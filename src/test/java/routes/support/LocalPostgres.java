package routes.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a test's own, from the machine's PostgreSQL binaries, on a free port: the
 * test can take it away (an immediate shutdown, as a crash) and bring it back with its data, which
 * the machine's shared server must never be put through. PostgreSQL refuses to run as root, so as
 * root it runs as the {@code postgres} user.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path bin;
    private final Path dir;
    private final int port;

    private LocalPostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** A new cluster (user {@code postgres}, trust), started. */
    public static LocalPostgres start() throws IOException, InterruptedException {
        Path bin = binaries();
        Path dir = Path.of(run(List.of("mktemp", "-d", "/tmp/notify-postgres.XXXXXX")).strip());
        LocalPostgres postgres = new LocalPostgres(bin, dir, freePort());
        run(List.of(bin.resolve("initdb").toString(), "-D", postgres.data(), "-A", "trust", "-U", "postgres",
                "--no-sync", "-E", "UTF8"));
        postgres.resume();
        return postgres;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Stops at once, as a crash does: open connections are cut, new ones refused. */
    public void kill() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "immediate", "-w", "stop"));
    }

    /**
     * Stops answering without closing anything (SIGSTOP to the server and its backends), as a hung
     * server or a network path dropping packets does: connections stay open, statements wait.
     */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Answers again where it stopped (SIGCONT). */
    public void unpause() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        String postmaster = Files.readAllLines(dir.resolve("data/postmaster.pid")).get(0).strip();
        run(List.of("sh", "-c", "kill -" + signal + " " + postmaster + " $(pgrep -P " + postmaster + ")"));
    }

    /** Starts again on the same port with the same data, answering once it accepts connections. */
    public void resume() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-l", dir.resolve("log").toString(), "-w", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            kill();
        } catch (IOException stoppedAlready) {
            // nothing running: only the files are left
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    private static Path binaries() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin")).filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString))
                    .orElseThrow(() -> new IOException("no PostgreSQL server binaries under /usr/lib/postgresql"));
        }
    }

    /** Runs a PostgreSQL command (as postgres when this is root); answers its output, fails on a non-zero exit. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        if (ROOT) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(command);
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
