package routes.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyTest {

    @Test
    void anIssuedKeyIsRecognisableRandomAndUrlSafe() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String key = ApiKey.generate();
            assertThat(key).startsWith("nh_live_").hasSize(51).matches("nh_live_[A-Za-z0-9_-]{43}");
            assertThat(ApiKey.isIssuedForm(key)).isTrue();
            keys.add(key);
        }
        assertThat(keys).hasSize(100);
    }

    @Test
    void aKeyIsKnownByItsSha256InHex() {
        assertThat(ApiKey.hash("dev-secret-key")).hasSize(64).isEqualTo(ApiKey.hash("dev-secret-key"))
                .isNotEqualTo(ApiKey.hash("dev-secret-keY"));
        // the SHA-256 of "abc" (FIPS 180-2)
        assertThat(ApiKey.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void keysOfAnotherFormAreNotLookedUp() {
        assertThat(ApiKey.isIssuedForm("dev-secret-key")).isFalse();
        assertThat(ApiKey.isIssuedForm("nh_live_short")).isFalse();
        assertThat(ApiKey.isIssuedForm("nh_test_" + "a".repeat(43))).isFalse();
    }

    @Test
    void aListingShowsOnlyThePrefixAndFourCharacters() {
        assertThat(ApiKey.shown("nh_live_abcdefghij")).isEqualTo("nh_live_abcd...");
    }
}
