package app.rapport.invitation.web;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts attempts per key (an IP address) over a sliding minute, on this node: the count
 * of the current clock minute plus the previous minute's, weighted by how much of it
 * still lies within the last sixty seconds (as the hourly invitation limit does). A fixed
 * window would let a guesser make twice the limit around the turn of a minute. Guessing a
 * 256-bit token is hopeless anyway; the limit keeps scanners from hammering the database.
 */
final class AttemptLimiter {

	private static final long MINUTE = 60_000;

	private final int perMinute;

	private final Clock clock;

	private final ConcurrentHashMap<String, Minutes> counts = new ConcurrentHashMap<>();

	private volatile long sweptAt;

	AttemptLimiter(int perMinute, Clock clock) {
		this.perMinute = perMinute;
		this.clock = clock;
	}

	/**
	 * Counts the attempt; false when it goes over the limit (refused attempts count too).
	 */
	boolean tryAcquire(String key) {
		long now = clock.millis();
		long minute = now / MINUTE;
		forgetOlderThan(minute - 1);
		Minutes counted = counts.compute(key,
				(k, old) -> (old == null ? new Minutes(minute, 0, 0) : old.at(minute)).plusOne());
		double previousShare = 1 - (double) (now % MINUTE) / MINUTE;
		return counted.current() + Math.ceil(counted.previous() * previousShare) <= perMinute;
	}

	private void forgetOlderThan(long minute) {
		if (sweptAt < minute) {
			sweptAt = minute;
			counts.values().removeIf(m -> m.minute() < minute);
		}
	}

	/** The attempts of one key in its latest clock minute and in the one before. */
	private record Minutes(long minute, int current, int previous) {

		Minutes at(long now) {
			if (now == minute) {
				return this;
			}
			return new Minutes(now, 0, now == minute + 1 ? current : 0);
		}

		Minutes plusOne() {
			return new Minutes(minute, current + 1, previous);
		}

	}

}
