package routes.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import routes.api.ApiProblem;
import routes.api.ApiProblem.FieldError;
import routes.delivery.Channel;

class QuietHoursTest {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** The end of the window the clock's now falls in, as fan-out asks it. */
    private static Optional<Instant> endAt(QuietHours quiet, String now, ZoneId zone) {
        Clock clock = Clock.fixed(Instant.parse(now), ZoneOffset.UTC);
        return quiet.endOfWindowAt(clock.instant(), zone);
    }

    private static QuietHours window(String start, String end) {
        return new QuietHours(start, end, null);
    }

    @Nested
    class InSeoul {

        private final QuietHours night = window("22:00", "08:00");

        @Test
        void lateEveningWaitsForEightTheNextMorning() {
            // 23:30 in Seoul (UTC+9) on 5 June
            assertThat(endAt(night, "2026-06-05T14:30:00Z", SEOUL)).contains(Instant.parse("2026-06-05T23:00:00Z"));
        }

        @Test
        void earlyMorningWaitsForEightTheSameMorning() {
            // 03:00 in Seoul on 6 June
            assertThat(endAt(night, "2026-06-05T18:00:00Z", SEOUL)).contains(Instant.parse("2026-06-05T23:00:00Z"));
        }

        @Test
        void theDayIsOutsideAndTheEndItselfIsNoLongerQuiet() {
            assertThat(endAt(night, "2026-06-06T03:00:00Z", SEOUL)).as("12:00").isEmpty();
            assertThat(endAt(night, "2026-06-05T23:00:00Z", SEOUL)).as("08:00 sharp").isEmpty();
            assertThat(endAt(night, "2026-06-05T13:00:00Z", SEOUL)).as("22:00 sharp")
                    .contains(Instant.parse("2026-06-05T23:00:00Z"));
        }

        @Test
        void aWindowWithinOneDay() {
            QuietHours siesta = window("13:00", "15:00");
            assertThat(endAt(siesta, "2026-06-05T05:00:00Z", SEOUL)).as("14:00")
                    .contains(Instant.parse("2026-06-05T06:00:00Z"));
            assertThat(endAt(siesta, "2026-06-05T07:00:00Z", SEOUL)).as("16:00").isEmpty();
        }
    }

    @Nested
    class InNewYorkAcrossDaylightSavingTime {

        // 2026-03-08 02:00 EST the clocks jump to 03:00 EDT; 2026-11-01 02:00 EDT they fall back to 01:00 EST

        @Test
        void aNightThatLosesAnHourEndsAtEightEdt() {
            // 23:00 EST on 7 March: the window ends 08:00 EDT (12:00Z), nine hours later, not ten
            assertThat(endAt(window("22:00", "08:00"), "2026-03-08T04:00:00Z", NEW_YORK))
                    .contains(Instant.parse("2026-03-08T12:00:00Z"));
        }

        @Test
        void anEndSkippedByTheClocksIsTheMomentTheyJump() {
            // 02:30 does not exist on 8 March: the window ends when 02:00 EST becomes 03:00 EDT
            assertThat(endAt(window("22:00", "02:30"), "2026-03-08T05:00:00Z", NEW_YORK))
                    .contains(Instant.parse("2026-03-08T07:00:00Z"));
        }

        @Test
        void aNightThatGainsAnHourEndsAtEightEst() {
            // 23:00 EDT on 31 October: the window ends 08:00 EST (13:00Z), ten hours later
            assertThat(endAt(window("22:00", "08:00"), "2026-11-01T03:00:00Z", NEW_YORK))
                    .contains(Instant.parse("2026-11-01T13:00:00Z"));
        }

        @Test
        void anEndThatOccursTwiceIsTheFirstOneStillAhead() {
            QuietHours night = window("22:00", "01:30");
            // 00:30 EDT: the first 01:30 (EDT, 05:30Z) is ahead
            assertThat(endAt(night, "2026-11-01T04:30:00Z", NEW_YORK)).contains(Instant.parse("2026-11-01T05:30:00Z"));
            // 01:10 EST, after the clocks fell back: the second 01:30 (EST, 06:30Z)
            assertThat(endAt(night, "2026-11-01T06:10:00Z", NEW_YORK)).contains(Instant.parse("2026-11-01T06:30:00Z"));
            // 01:45 EDT, the first time round: outside the window
            assertThat(endAt(night, "2026-11-01T05:45:00Z", NEW_YORK)).isEmpty();
        }

        @Test
        void theSameWindowInSummerAndWinter() {
            QuietHours night = window("22:00", "07:00");
            assertThat(endAt(night, "2026-07-01T03:00:00Z", NEW_YORK)).as("23:00 EDT")
                    .contains(Instant.parse("2026-07-01T11:00:00Z"));
            assertThat(endAt(night, "2026-01-15T04:00:00Z", NEW_YORK)).as("23:00 EST")
                    .contains(Instant.parse("2026-01-15T12:00:00Z"));
        }
    }

    @Nested
    class Channels {

        @Test
        void pushAndSmsAreHeldUnlessOthersAreNamed() {
            assertThat(window("22:00", "08:00").holds(Channel.PUSH)).isTrue();
            assertThat(window("22:00", "08:00").holds(Channel.SMS)).isTrue();
            assertThat(window("22:00", "08:00").holds(Channel.EMAIL)).isFalse();
            QuietHours emailToo = new QuietHours("22:00", "08:00", List.of("email"));
            assertThat(emailToo.holds(Channel.EMAIL)).isTrue();
            assertThat(emailToo.holds(Channel.PUSH)).isFalse();
        }
    }

    @Nested
    class Validation {

        private ApiProblem problemOf(QuietHours quiet) {
            return catchThrowableOfType(ApiProblem.class,
                    () -> new Preferences(Map.of(), Map.of(), quiet).validated());
        }

        @Test
        void timesMustBeHoursAndMinutes() {
            ApiProblem problem = problemOf(new QuietHours("24:00", "7:00", null));
            assertThat(problem.errors()).containsExactly(
                    new FieldError("quietHours.start", "must be a local time HH:mm from 00:00 to 23:59"),
                    new FieldError("quietHours.end", "must be a local time HH:mm from 00:00 to 23:59"));
            assertThat(problemOf(new QuietHours("22:00:00", "08:00", null)).errors())
                    .extracting(FieldError::field).containsExactly("quietHours.start");
        }

        @Test
        void bothEndsAreRequiredAndDiffer() {
            assertThat(problemOf(new QuietHours(null, "08:00", null)).errors())
                    .extracting(FieldError::field).containsExactly("quietHours.start");
            assertThat(problemOf(new QuietHours("08:00", "08:00", null)).errors())
                    .containsExactly(new FieldError("quietHours.end", "must differ from start"));
        }

        @Test
        void channelsMustBeKnownAndSome() {
            assertThat(problemOf(new QuietHours("22:00", "08:00", List.of("push", "fax"))).errors())
                    .extracting(FieldError::field).containsExactly("quietHours.channels[1]");
            assertThat(problemOf(new QuietHours("22:00", "08:00", List.of())).errors())
                    .extracting(FieldError::field).containsExactly("quietHours.channels");
        }
    }
}
