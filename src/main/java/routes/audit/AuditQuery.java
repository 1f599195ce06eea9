package routes.audit;

import routes.api.ApiProblem;

/**
 * The parameters of {@code GET /admin/audit}: how many entries ({@code limit}, 1 to {@value #MAX_LIMIT},
 * {@value #DEFAULT_LIMIT} when absent) and from where ({@code before}: only entries older than
 * this auditId, the {@code next} of the previous page; all when absent).
 */
record AuditQuery(int limit, Long before) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    static AuditQuery parse(String limit, String before) {
        return new AuditQuery(limit(limit), before(before));
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        long limit = number(text, "limit", "must be a whole number from 1 to " + MAX_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
        }
        return (int) limit;
    }

    private static Long before(String text) {
        return text == null ? null : number(text, "before", "must be an auditId, as a page's next gives it");
    }

    private static long number(String text, String field, String message) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw ApiProblem.invalid(field, message);
        }
    }
}
