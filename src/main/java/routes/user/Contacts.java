package routes.user;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import routes.api.ApiProblem;
import routes.api.ApiProblem.FieldError;
import routes.api.PlainText;

/** The shapes of identifiers and contact details the hub accepts. */
public final class Contacts {

    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    // RFC 5322's dot-atom, with the UTF-8 letters and digits RFC 6531 allows besides ASCII.
    private static final Pattern LOCAL_PART = Pattern.compile(
            "[\\p{L}\\p{M}\\p{N}!#$%&'*+/=?^_`{|}~-]+(\\.[\\p{L}\\p{M}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
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
        if (profile.email() != null && !isEmail(profile.email())) {
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

    /**
     * An address SMTP can carry: a local part of at most 64 bytes (RFC 5321) and a domain name of
     * two labels or more, an internationalised one (bücher.de) judged by its ASCII form (IDNA); no
     * character an identifier may not hold.
     */
    static boolean isEmail(String email) {
        int at = email.lastIndexOf('@');
        // IDNA would drop a zero-width character from the domain: the address shown would not be the one used
        if (at < 1 || !PlainText.isIdentifier(email)) {
            return false;
        }
        String localPart = email.substring(0, at);
        return localPart.getBytes(StandardCharsets.UTF_8).length <= 64 && LOCAL_PART.matcher(localPart).matches()
                && isDomain(email.substring(at + 1));
    }

    private static boolean isDomain(String domain) {
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String[] labels = ascii.split("\\.", -1);
        // an all-digit last label is an IP address, not a domain
        return ascii.length() <= 253 && labels.length >= 2
                && Arrays.stream(labels).allMatch(label -> DOMAIN_LABEL.matcher(label).matches())
                && !labels[labels.length - 1].chars().allMatch(Character::isDigit);
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
