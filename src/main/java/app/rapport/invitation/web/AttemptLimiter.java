package app.rapport.invitation.web;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts attempts per key (an IP address) in fixed one-minute windows, on this node.
 * Guessing a 256-bit token is hopeless anyway; the limit keeps scanners from hammering
 * the database.
 */
final class AttemptLimiter {

	private final int perMinute;

	private final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	private volatile long window = currentWindow();

	AttemptLimiter(int perMinute) {
		this.perMinute = perMinute;
	}

	boolean tryAcquire(String key) {
		long now = currentWindow();
		if (now != window) {
			counts.clear();
			window = now;
		}
		return counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() <= perMinute;
	}

	private static long currentWindow() {
		return System.currentTimeMillis() / 60_000;
	}

}
