package routes.delivery;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import routes.user.Contacts;

/**
 * A provider's error text as the hub stores and logs it: SMTP servers quote the refused address
 * ({@code 550 5.1.1 <bob@example.com>: Recipient address rejected}) and SMS APIs the number, so
 * every email address in it is masked the way the log masks a recipient, and every phone number
 * to its last three digits. Over-masking is fine here; a leaked address is not.
 */
public final class ErrorText {

    // what surrounds an address in a reply (<...>, quotes, a colon after it) is not part of it
    private static final Pattern EMAIL =
            Pattern.compile("[^\\s<>()\\[\\]{}\"',;:@]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
    // E.164 or a national number: 7 to 15 digits, not part of a longer word or number
    private static final Pattern PHONE = Pattern.compile("(?<![\\w+])\\+?[0-9]{7,15}(?!\\w)");

    private ErrorText() {}

    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String withoutEmails = EMAIL.matcher(text).replaceAll(email -> Matcher.quoteReplacement(Contacts.mask(email.group())));
        return PHONE.matcher(withoutEmails).replaceAll(phone -> Matcher.quoteReplacement(lastThreeDigits(phone.group())));
    }

    private static String lastThreeDigits(String phone) {
        int shown = phone.length() - 3;
        return phone.substring(0, shown).replaceAll("[0-9]", "*") + phone.substring(shown);
    }
}
