package routes.client;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;

/**
 * Whenever Spring MVC is present, Spring Security registers its filter chain as a composite of
 * filters with Spring MVC's {@code HandlerMappingIntrospector} cache filter first, which looks up
 * each request's handler before the chain so that MVC request matchers and MVC's CORS configuration
 * can reuse it. This chain uses neither (its matchers are path patterns, and it answers cross-origin
 * requests itself), so that look-up only repeated the DispatcherServlet's: about 2 % of the CPU an
 * accepted notification costs. This takes the cache filter out of the composite's filters and
 * leaves the rest as Spring Security made them.
 */
class NoHandlerLookupBeforeSecurity implements BeanFactoryPostProcessor {

    private static final String CACHE_FILTER = "HandlerMappingIntrospectorCacheFilterFactoryBean";

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        String chain = AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME;
        if (beanFactory.containsBeanDefinition(chain)) {
            withoutCacheFilter(beanFactory.getBeanDefinition(chain));
        }
    }

    /** Removes the cache filter from the composite's filters, and from those of any composite among them. */
    private static void withoutCacheFilter(BeanDefinition composite) {
        ValueHolder filters = composite.getConstructorArgumentValues().getIndexedArgumentValue(0, null);
        if (filters != null && filters.getValue() instanceof Iterable<?> list) {
            var each = list.iterator();
            while (each.hasNext()) {
                if (each.next() instanceof BeanDefinition filter) {
                    if (isCacheFilter(filter)) {
                        each.remove();
                    } else {
                        withoutCacheFilter(filter);
                    }
                }
            }
        }
    }

    private static boolean isCacheFilter(BeanDefinition filter) {
        return filter.getBeanClassName() != null && filter.getBeanClassName().endsWith(CACHE_FILTER);
    }
}
