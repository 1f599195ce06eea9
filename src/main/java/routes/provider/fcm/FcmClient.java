package routes.provider.fcm;

import com.google.api.core.ApiFuture;
import com.google.api.client.http.HttpTransport;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * firebase-admin's messaging client on a FirebaseApp of the hub's own, so it never clashes with a
 * default app that other code may initialize. Closing it deletes the app (its thread pools are not
 * daemons and would keep the JVM alive) and shuts its HTTP transport.
 */
public final class FcmClient implements AutoCloseable {

    private static final AtomicInteger APPS = new AtomicInteger();

    private final FirebaseApp app;
    private final HttpTransport transport;
    private final FirebaseMessaging messaging;

    private FcmClient(FirebaseApp app) {
        this.app = app;
        this.transport = app.getOptions().getHttpTransport();
        this.messaging = FirebaseMessaging.getInstance(app);
    }

    /**
     * Starts a client with these credentials and transport. Each attempt's connect and read wait is
     * the timeout; app names are numbered because test contexts may run side by side in one JVM.
     */
    public static FcmClient start(FirebaseOptions.Builder options, Duration timeout) {
        int millis = Math.toIntExact(timeout.toMillis());
        FirebaseOptions built = options.setConnectTimeout(millis).setReadTimeout(millis).setWriteTimeout(millis).build();
        return new FcmClient(FirebaseApp.initializeApp(built, "notification-hub-" + APPS.incrementAndGet()));
    }

    /** Completes with the message name FCM gave ({@code projects/<p>/messages/<id>}). */
    public ApiFuture<String> sendAsync(Message message) {
        return messaging.sendAsync(message);
    }

    @Override
    public void close() {
        app.delete();
        try {
            transport.shutdown();
        } catch (IOException e) {
            throw new UncheckedIOException("FCM transport did not shut down", e);
        }
    }
}
