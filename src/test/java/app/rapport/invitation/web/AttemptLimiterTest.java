package app.rapport.invitation.web;

import java.time.Duration;

import app.rapport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AttemptLimiterTest {

	MutableClock clock = new MutableClock();

	AttemptLimiter limiter = new AttemptLimiter(5, clock);

	/** Moves the clock to a tenth of a second before a clock minute turns. */
	@BeforeEach
	void justBeforeAMinuteTurns() {
		long intoMinute = clock.millis() % 60_000;
		clock.advance(Duration.ofMillis(60_000 - intoMinute - 100));
	}

	boolean[] attempts(String key, int count) {
		boolean[] allowed = new boolean[count];
		for (int i = 0; i < count; i++) {
			allowed[i] = limiter.tryAcquire(key);
		}
		return allowed;
	}

	@Test
	void theSixthAttemptWithinAMinuteIsRefused() {
		assertThat(attempts("10.0.0.1", 6)).containsExactly(true, true, true, true, true, false);
	}

	@Test
	void attemptsJustBeforeTheMinuteTurnsStillCountJustAfter() {
		assertThat(attempts("10.0.0.1", 5)).containsOnly(true);
		clock.advance(Duration.ofMillis(200));

		assertThat(limiter.tryAcquire("10.0.0.1")).as("a fixed window would have started again at zero").isFalse();
	}

	@Test
	void theAttemptsOfAMinuteAgoFadeOutAsTheMinuteSlidesBy() {
		assertThat(attempts("10.0.0.1", 5)).containsOnly(true);
		clock.advance(Duration.ofSeconds(30));
		assertThat(attempts("10.0.0.1", 3)).as("half a minute on, half of the earlier attempts still count")
			.containsExactly(true, true, false);
		clock.advance(Duration.ofMinutes(2));
		assertThat(attempts("10.0.0.1", 5)).containsOnly(true);
	}

	@Test
	void eachAddressHasItsOwnCount() {
		assertThat(attempts("10.0.0.1", 6)).endsWith(false);

		assertThat(limiter.tryAcquire("10.0.0.2")).isTrue();
	}

}
