package routes.user;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;
import routes.api.ApiProblem;
import routes.api.ApiProblem.FieldError;

/** The shapes of identifiers and contact details the hub accepts. */
public final class Contacts {

    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    // Deliberately loose: one @, a dot in the domain, no spaces. The mail server is the real judge.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");
    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");

    private Contacts() {}

    public static String requireUserId(String userId) {
        if (!isUserId(userId)) {
            throw ApiProblem.invalid("userId", "must be 1-128 characters of A-Z a-z 0-9 . _ : @ -");
        }
        return userId;
    }

    public static boolean isUserId(String userId) {
        return userId != null && USER_ID.matcher(userId).matches();
    }

    static void checkProfile(UserProfile profile, List<FieldError> errors) {
        if (profile.email() != null && (profile.email().length() > 320 || !EMAIL.matcher(profile.email()).matches())) {
            errors.add(new FieldError("email", "is not a valid email address"));
        }
        if (profile.phone() != null && !E164.matcher(profile.phone()).matches()) {
            errors.add(new FieldError("phone", "must be in E.164 format, for example +821012345678"));
        }
        if (profile.locale() != null && (profile.locale().length() > 35 || !LOCALE.matcher(profile.locale()).matches())) {
            errors.add(new FieldError("locale", "must be a BCP 47 language tag, for example ko-KR"));
        }
        if (profile.timezone() != null && !isZone(profile.timezone())) {
            errors.add(new FieldError("timezone", "must be an IANA time zone, for example Asia/Seoul"));
        }
    }

    private static boolean isZone(String zone) {
        try {
            ZoneId.of(zone);
            return zone.length() <= 64;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** Shows enough of a token, phone or address to recognise it, not enough to use it. */
    public static String mask(String recipient) {
        if (recipient == null) {
            return null;
        }
        int at = recipient.indexOf('@');
        if (at > 0) {
            return recipient.charAt(0) + "***" + recipient.substring(at);
        }
        if (recipient.startsWith("+") && recipient.length() > 7) {
            return recipient.substring(0, 5) + "*".repeat(recipient.length() - 8) + recipient.substring(recipient.length() - 3);
        }
        if (recipient.length() > 12) {
            return recipient.substring(0, 6) + "..." + recipient.substring(recipient.length() - 4);
        }
        return "***";
    }
}
