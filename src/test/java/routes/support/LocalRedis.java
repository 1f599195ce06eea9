package routes.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A Redis server of a test's own on a free port, keeping nothing on disk: killed and started again
 * it comes back empty, as a Redis without persistence does after a restart.
 */
public final class LocalRedis implements AutoCloseable {

    private final int port;
    private Process server;

    private LocalRedis(int port) {
        this.port = port;
    }

    public static LocalRedis start() throws IOException, InterruptedException {
        LocalRedis redis;
        try (ServerSocket socket = new ServerSocket(0)) {
            redis = new LocalRedis(socket.getLocalPort());
        }
        redis.resume();
        return redis;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** SIGKILL: connections cut, every key gone. */
    public void kill() throws InterruptedException {
        server.destroyForcibly();
        server.waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts again, empty, on the same port; answers once it accepts connections. */
    public void resume() throws IOException, InterruptedException {
        server = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline) || !server.isAlive()) {
                    throw new IOException("redis-server did not start on port " + port, notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
