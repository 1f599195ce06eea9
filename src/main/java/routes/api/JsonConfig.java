package routes.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class JsonConfig {

    /**
     * Jackson writes characters outside the BMP (emoji) to UTF-8 streams as escaped surrogate
     * pairs by default; write them as the UTF-8 bytes they are, in API answers and on Kafka.
     */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer utf8Emoji() {
        return builder -> builder.factory(JsonFactory.builder()
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .build());
    }
}
