package routes.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import routes.api.ApiProblem;
import routes.api.ApiProblem.FieldError;

class ContactsTest {

    @Nested
    class Masking {

        @Test
        void anEmailKeepsItsFirstLetterAndDomain() {
            assertThat(Contacts.mask("alice@example.com")).isEqualTo("a***@example.com");
        }

        @Test
        void aPhoneKeepsItsCountryPrefixAndLastThreeDigits() {
            assertThat(Contacts.mask("+821012345678")).isEqualTo("+8210*****678");
            assertThat(Contacts.mask("+14155550123")).isEqualTo("+1415****123");
        }

        @Test
        void aLongTokenKeepsItsFirstSixAndLastFourCharacters() {
            assertThat(Contacts.mask("abcdef0123456789xyz")).isEqualTo("abcdef...9xyz");
        }

        @Test
        void somethingTooShortToShowPartOfIsHiddenWhole() {
            assertThat(Contacts.mask("+123456")).isEqualTo("***");
            assertThat(Contacts.mask("abcdef012345")).isEqualTo("***");
            assertThat(Contacts.mask("")).isEqualTo("***");
        }

        @Test
        void anAtSignInFirstPlaceIsNotTakenForAnEmail() {
            assertThat(Contacts.mask("@example.com")).isEqualTo("***");
        }

        @Test
        void nothingMasksToNothing() {
            assertThat(Contacts.mask(null)).isNull();
        }

        @Test
        void theMaskNeverContainsTheWholeRecipient() {
            for (String recipient : List.of("bob@example.org", "+821099998888", "fcm-token-0123456789abcdef")) {
                assertThat(Contacts.mask(recipient)).isNotEqualTo(recipient).doesNotContain(recipient.substring(1));
            }
        }
    }

    @Nested
    class UserIds {

        @ParameterizedTest
        @ValueSource(strings = {"u", "user-1", "A.b_c:d@e-f", "0123456789"})
        void lettersDigitsAndDotUnderscoreColonAtDashAreAllowed(String userId) {
            assertThat(Contacts.isUserId(userId)).isTrue();
            assertThat(Contacts.requireUserId(userId)).isEqualTo(userId);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "has space", "a/b", "a#b", "사용자", "a\nb", "a+b"})
        void otherCharactersOrAnEmptyIdAreRefused(String userId) {
            assertThat(Contacts.isUserId(userId)).isFalse();
        }

        @Test
        void anIdIsAtMost128Characters() {
            assertThat(Contacts.isUserId("u".repeat(128))).isTrue();
            assertThat(Contacts.isUserId("u".repeat(129))).isFalse();
        }

        @Test
        void noIdIsNotAUserId() {
            assertThat(Contacts.isUserId(null)).isFalse();
        }

        @Test
        void requireUserIdAnswers400NamingUserId() {
            ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> Contacts.requireUserId("a/b"));
            assertThat(problem.status()).isEqualTo(400);
            assertThat(problem.errors()).extracting(FieldError::field).containsExactly("userId");
        }
    }

    @Nested
    class Profiles {

        private List<String> fieldsWrongIn(UserProfile profile) {
            List<FieldError> errors = new ArrayList<>();
            Contacts.checkProfile(profile, errors);
            return errors.stream().map(FieldError::field).toList();
        }

        @Test
        void anEmptyProfileIsValid() {
            assertThat(fieldsWrongIn(new UserProfile(null, null, null, null))).isEmpty();
        }

        @Test
        void aCompleteValidProfileIsValid() {
            assertThat(fieldsWrongIn(new UserProfile("a.b+tag@mail.example.co.kr", "+821012345678", "ko-KR",
                    "Asia/Seoul"))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"plain", "a@b", "a@@b.com", "a b@c.com", "a@b.c.", "@b.com", "a@.com.", "a\u0000@b.co",
                "a@b.co\u0000", "a\n@b.co", "a@b\u0007.co", ".a@b.co", "a.@b.co", "a..b@c.co", "a@b..co", "a@-b.co",
                "a@b-.co", "a@b_c.co", "a@1.2.3.4", "\"a b\"@c.co", "a@[127.0.0.1]", "a@b.co ", "a\u200b@b.co"})
        void anEmailIsADotAtomAtADomainName(String email) {
            assertThat(fieldsWrongIn(new UserProfile(email, null, null, null))).containsExactly("email");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a@b.co", "first.last+tag@mail.example.co.kr", "o'neil@example.ie", "x_y-z@a-b.io",
                "user@bücher.de", "user@例え.jp", "用户@例子.广告", "δοκιμή@παράδειγμα.δοκιμή", "user@xn--bcher-kva.de",
                "A@EXAMPLE.COM", "1@2.io"})
        void internationalisedAndOrdinaryAddressesAreValid(String email) {
            assertThat(fieldsWrongIn(new UserProfile(email, null, null, null))).isEmpty();
        }

        @Test
        void aLocalPartIsAtMost64Bytes() {
            assertThat(fieldsWrongIn(new UserProfile("a".repeat(64) + "@example.com", null, null, null))).isEmpty();
            assertThat(fieldsWrongIn(new UserProfile("a".repeat(65) + "@example.com", null, null, null)))
                    .containsExactly("email");
            assertThat(fieldsWrongIn(new UserProfile("ü".repeat(33) + "@example.com", null, null, null)))
                    .containsExactly("email");
        }

        @Test
        void aDomainIsAtMost253CharactersOfLabelsUpTo63() {
            String label63 = "d".repeat(63);
            String domain253 = String.join(".", label63, label63, label63, "d".repeat(58), "io");
            assertThat(domain253).hasSize(253);
            assertThat(fieldsWrongIn(new UserProfile("a@" + domain253, null, null, null))).isEmpty();
            assertThat(fieldsWrongIn(new UserProfile("a@d" + domain253, null, null, null))).containsExactly("email");
            assertThat(fieldsWrongIn(new UserProfile("a@" + "d".repeat(64) + ".io", null, null, null)))
                    .containsExactly("email");
        }

        @ParameterizedTest
        @ValueSource(strings = {"01012345678", "+0101234567", "+8210-1234-5678", "+1", "+1234567890123456", "821012345678",
                "+821012345678\u0000", "+8210\n12345678", "+82 10 1234 5678", "+８２１０１２３４５６７８"})
        void aPhoneMustBeE164(String phone) {
            assertThat(fieldsWrongIn(new UserProfile(null, phone, null, null))).containsExactly("phone");
        }

        @Test
        void anE164NumberHasAtMostFifteenDigits() {
            assertThat(fieldsWrongIn(new UserProfile(null, "+123456789012345", null, null))).isEmpty();
            assertThat(fieldsWrongIn(new UserProfile(null, "+12", null, null))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"korean", "k", "ko_KR", "ko-", "ko-KR-" + "x"})
        void aLocaleMustBeABcp47Tag(String locale) {
            assertThat(fieldsWrongIn(new UserProfile(null, null, locale, null))).containsExactly("locale");
        }

        @Test
        void aLocaleIsAtMost35Characters() {
            assertThat(fieldsWrongIn(new UserProfile(null, null, "en", null))).isEmpty();
            assertThat(fieldsWrongIn(new UserProfile(null, null, "en" + "-abcdefgh".repeat(4), null)))
                    .containsExactly("locale");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Mars/Base", "Seoul", ""})
        void aTimezoneMustBeAnIanaZone(String zone) {
            assertThat(fieldsWrongIn(new UserProfile(null, null, null, zone))).containsExactly("timezone");
        }

        @Test
        void everyWrongDetailIsNamedAtOnce() {
            assertThat(fieldsWrongIn(new UserProfile("nope", "010", "x", "Nowhere/Land")))
                    .containsExactly("email", "phone", "locale", "timezone");
        }
    }
}
