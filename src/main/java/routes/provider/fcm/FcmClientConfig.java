package routes.provider.fcm;

import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.firebase.FirebaseOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The FCM client, built when a service account is configured (the embedded default brings its own). */
@Configuration
public class FcmClientConfig {

    @Bean
    @ConditionalOnExpression("'${notify.providers.fcm.service-account:}' != ''")
    FcmClient fcmClient(FcmSettings settings) throws IOException {
        ServiceAccountCredentials credentials;
        try (InputStream json = Files.newInputStream(Path.of(settings.serviceAccount()))) {
            credentials = ServiceAccountCredentials.fromStream(json);
        }
        String projectId = settings.projectId() == null || settings.projectId().isBlank()
                ? credentials.getProjectId() : settings.projectId();
        if (projectId == null || projectId.isBlank()) {
            throw new IllegalStateException("The FCM service account names no project_id: set notify.providers.fcm.project-id");
        }
        return FcmClient.start(FirebaseOptions.builder().setCredentials(credentials).setProjectId(projectId),
                settings.timeout());
    }
}
