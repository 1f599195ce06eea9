package routes.provider.apns;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import java.io.File;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The APNs client, built when credentials are configured (the embedded default brings its own). */
@Configuration
public class ApnsClientConfig {

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${notify.providers.apns.signing-key:}' != '' or '${notify.providers.apns.certificate:}' != ''")
    ApnsClient apnsClient(ApnsSettings settings, ApnsEventLoops eventLoops) throws Exception {
        var builder = new ApnsClientBuilder()
                .setApnsServer(settings.host(), settings.port())
                .setEventLoopGroup(eventLoops.group());
        if (settings.trustedCertificate() != null && !settings.trustedCertificate().isBlank()) {
            builder.setTrustedServerCertificateChain(new File(settings.trustedCertificate()));
        }
        if (settings.usesToken()) {
            builder.setSigningKey(ApnsSigningKey.loadFromPkcs8File(new File(settings.signingKey()), settings.teamId(),
                    settings.keyId()));
        } else {
            builder.setClientCredentials(new File(settings.certificate()), settings.certificatePassword());
        }
        return builder.build();
    }
}
