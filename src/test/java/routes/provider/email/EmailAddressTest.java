package routes.provider.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What SMTP is handed for an address: its domain in ASCII, its local part as given. */
class EmailAddressTest {

    @ParameterizedTest
    @CsvSource({
            "reader@example.com, reader@example.com",
            "user@bücher.example, user@xn--bcher-kva.example",
            "user@BÜCHER.example, user@xn--bcher-kva.example",
            "名前@例え.jp, 名前@xn--r8jz45g.jp"})
    void theDomainIsSentInItsAsciiForm(String given, String sent) {
        assertThat(EmailMessages.withAsciiDomain(given)).isEqualTo(sent);
    }
}
