package routes.client;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** A limit in the configuration, which YAML gives as a number and the environment as text. */
@Component
@ConfigurationPropertiesBinding
class LimitConverter implements Converter<Object, Limit> {

    @Override
    public Limit convert(Object configured) {
        return Limit.valueOf(configured.toString());
    }
}
