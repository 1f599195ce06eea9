package routes.cap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import routes.support.HubTest;

/** Frequency caps through the API: what the device received, and what the status says of the rest. */
class FrequencyCapTest extends HubTest {

    private String cappedCategory(int max) {
        String category = unique("marketing");
        Response saved = put("/api/v1/categories/" + category,
                "{\"caps\": [{\"channel\": \"push\", \"max\": " + max + ", \"per\": \"PT24H\"}]}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        return category;
    }

    private static String sale(String category) {
        return ",\"body\": \"Sale\", \"category\": \"" + category + "\"";
    }

    @Test
    void theFourthMarketingPushWithinADayIsSkippedAndAnotherCategoryIsNot() {
        String category = cappedCategory(3);
        String token = apnsToken(unique("device"));
        String user = userWithDevice("ios", token);

        for (int i = 0; i < 3; i++) {
            awaitDelivery(sendPush(user, sale(category)), "SENT");
        }
        var fourth = awaitDelivery(sendPush(user, sale(category)), "SKIPPED");
        assertThat(fourth.path("reason").asText()).isEqualTo("FREQUENCY_CAPPED");
        awaitDelivery(sendPush(user, sale(unique("orders"))), "SENT");
        awaitDelivery(sendPush(user, ",\"body\": \"Hello\""), "SENT");

        assertThat(awaitSandbox(token, 5)).hasSize(5);
    }

    @Test
    void aNotificationFannedOutTwiceCountsItsDeliveryOnce() {
        String category = cappedCategory(2);
        String token = apnsToken(unique("device"));
        String user = userWithDevice("ios", token);
        String first = sendPush(user, sale(category));
        awaitDelivery(first, "SENT");

        // the accepted notification again, as after an acceptor died before answering its client
        var accepted = awaitRecords("notify.accepted", first, 1).get(0);
        sendToTopic("notify.accepted", accepted.key(), accepted.value());
        awaitRecords("notify.apns", first, 2);

        awaitDelivery(sendPush(user, sale(category)), "SENT");
        var third = awaitDelivery(sendPush(user, sale(category)), "SKIPPED");
        assertThat(third.path("reason").asText()).isEqualTo("FREQUENCY_CAPPED");
        assertThat(awaitSandbox(token, 2)).as("the first push was sent once, and the second").hasSize(2);
    }
}
