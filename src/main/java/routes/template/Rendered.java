package routes.template;

/**
 * A channel's wording rendered for one locale, in the shape a delivery carries it: push title and
 * body; the SMS text as the body; the email subject as the title, its text part as the body and
 * its HTML part, if any.
 */
public record Rendered(String locale, String title, String body, String html) {}
