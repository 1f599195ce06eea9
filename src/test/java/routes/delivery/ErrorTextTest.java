package routes.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Provider error text keeps what an operator needs (codes, reasons) and loses addresses and numbers. */
class ErrorTextTest {

    @Nested
    class Emails {

        @Test
        void anSmtpRefusalKeepsItsCodesAndShowsTheAddressMasked() {
            assertThat(ErrorText.mask("550 5.1.1 <bob.smith@example.com>: Recipient address rejected: User unknown"))
                    .isEqualTo("550 5.1.1 <b***@example.com>: Recipient address rejected: User unknown");
        }

        @Test
        void jakartaMailsNestedExceptionLosesEveryAddressItQuotes() {
            String raw = "SMTP: Invalid Addresses;\n  nested exception is:\n\tSMTPAddressFailedException: 550 5.1.1 "
                    + "<alice+news@mail.example.co.kr>... User unknown; also carol@example.org";
            assertThat(ErrorText.mask(raw))
                    .doesNotContain("alice+news", "carol@")
                    .contains("a***@mail.example.co.kr", "c***@example.org", "550 5.1.1", "User unknown");
        }

        @Test
        void anInternationalisedAddressIsMaskedToo() {
            assertThat(ErrorText.mask("rejected: 홍길동@example.한국")).isEqualTo("rejected: 홍***@example.한국");
        }
    }

    @Nested
    class Phones {

        @Test
        void anE164NumberKeepsOnlyItsLastThreeDigits() {
            assertThat(ErrorText.mask("The 'To' number +821012345678 is not a valid phone number."))
                    .isEqualTo("The 'To' number +*********678 is not a valid phone number.");
        }

        @Test
        void aNationalNumberAsSensQuotesItIsMaskedToo() {
            assertThat(ErrorText.mask("{\"to\":\"01012345678\",\"statusCode\":\"400\"}"))
                    .isEqualTo("{\"to\":\"********678\",\"statusCode\":\"400\"}");
        }

        @Test
        void errorCodesStatusesAndIdsAreLeftAlone() {
            String text = "Twilio 21211 (HTTP 400) at 2026-01-31T10:15:30Z, request 3c9527820481 id AB1234567CD";
            assertThat(ErrorText.mask(text)).isEqualTo(text);
        }
    }

    @Test
    void noTextStaysNoText() {
        assertThat(ErrorText.mask(null)).isNull();
    }
}
