package routes.template;

import java.util.Map;

/**
 * A notification's wording by template: the version fixed when it was accepted, and the params it
 * renders with (from JSON: strings, numbers, booleans, lists and objects).
 */
public record TemplateUse(String id, int version, Map<String, Object> params) {}
