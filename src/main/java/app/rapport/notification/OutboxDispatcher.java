package app.rapport.notification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import app.rapport.notification.EmailOutboxRepository.ClaimedEmail;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.SendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox in the background: each of {@code rapport.mail.workers} threads
 * claims a batch of due emails, renders them, hands them to the transport over one
 * connection and records the outcome. Failed attempts are retried with exponential
 * backoff and jitter until {@code rapport.mail.max-attempts}, then the email is
 * {@code FAILED}.
 *
 * <p>
 * Several nodes may run it on one database: claiming uses {@code for update skip locked},
 * so each email goes to one node. If a node dies between sending and recording, the email
 * is sent again once its lease expires; receivers can drop the repeat by its
 * {@code Message-ID}, which is derived from the outbox id.
 */
@Component
class OutboxDispatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

	private static final int MAX_ERROR_LENGTH = 300;

	private final EmailOutboxRepository outbox;

	private final EmailRenderer renderer;

	private final MailTransport transport;

	private final EmailDeliveryProperties properties;

	private final OutboxSignal signal;

	private final String messageIdDomain;

	private final Counter sent;

	private final Counter failed;

	private final Counter retried;

	private final SweepSchedule sweeps;

	private volatile boolean running;

	private final List<Thread> workers = new ArrayList<>();

	OutboxDispatcher(EmailOutboxRepository outbox, EmailRenderer renderer, MailTransport transport,
			EmailDeliveryProperties properties, OutboxSignal signal, MeterRegistry meters) {
		this.outbox = outbox;
		this.renderer = renderer;
		this.transport = transport;
		this.properties = properties;
		this.signal = signal;
		String address = MailTransportConfiguration.fromAddress(properties).getAddress();
		this.messageIdDomain = address.substring(address.indexOf('@') + 1);
		// a lease expires minutes after its node vanished: a tenth of it later is soon
		// enough
		this.sweeps = new SweepSchedule(properties.lease().dividedBy(10), System.nanoTime());
		this.sent = Counter.builder("rapport.emails.sent")
			.description("Emails accepted by the transport")
			.register(meters);
		this.failed = Counter.builder("rapport.emails.failed")
			.description("Emails given up after their last attempt")
			.register(meters);
		this.retried = Counter.builder("rapport.emails.retried")
			.description("Failed attempts scheduled for a retry")
			.register(meters);
	}

	@Override
	public void start() {
		if (!properties.dispatcherEnabled()) {
			log.info("Email dispatcher is disabled on this node (rapport.mail.dispatcher-enabled=false)");
			return;
		}
		if (!transport.available()) {
			log.warn("Email dispatcher not started: no mail transport, emails stay pending");
			return;
		}
		running = true;
		// each worker claims its own batches (skip locked) and sends them over its own
		// connection: one renders while another waits for the SMTP server
		for (int i = 0; i < properties.workers(); i++) {
			workers.add(Thread.ofPlatform().name("email-outbox-" + i).daemon().start(this::run));
		}
		log.info("Email dispatcher started with {} workers, delivering through the {}", properties.workers(),
				transport.description());
	}

	@Override
	public void stop() {
		running = false;
		signal.wakeAll(workers.size());
		for (Thread thread : workers) {
			try {
				// lets the batch in hand finish; whatever remains is taken over after its
				// lease
				thread.join(Duration.ofSeconds(30));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		workers.clear();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void run() {
		while (running) {
			int claimed = 0;
			try {
				claimed = dispatchBatch();
			}
			catch (RuntimeException ex) {
				// e.g. the database is unreachable for a moment: try again after the
				// interval
				log.warn("Email dispatch failed, will try again: {}", ex.toString());
			}
			if (claimed < properties.batchSize()) {
				try {
					signal.await(properties.pollInterval());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	/**
	 * Claims and delivers one batch.
	 * @return how many emails were claimed
	 */
	int dispatchBatch() {
		if (sweeps.due(System.nanoTime())) {
			sweepAbandoned();
		}
		List<ClaimedEmail> claimed = outbox.claim(properties.batchSize(), properties.lease(), properties.maxAttempts());
		if (claimed.isEmpty()) {
			return 0;
		}
		List<ClaimedEmail> rendered = new ArrayList<>(claimed.size());
		List<OutgoingEmail> outgoing = new ArrayList<>(claimed.size());
		for (ClaimedEmail email : claimed) {
			try {
				EmailRenderer.Rendered content = renderer.render(email.template(), email.model());
				outgoing.add(new OutgoingEmail(email.id(), email.recipient(), email.subject(), content.html(),
						content.text(), messageId(email.id())));
				rendered.add(email);
			}
			catch (RuntimeException ex) {
				// a broken template fails the same way every time: no point in retrying
				log.error("Email {} could not be rendered from template {}", email.id(), email.template(), ex);
				outbox.markFailed(email, shorten("Could not render template " + email.template()));
				failed.increment();
			}
		}
		Map<UUID, Exception> failures = deliver(outgoing);
		List<ClaimedEmail> delivered = rendered.stream().filter(email -> !failures.containsKey(email.id())).toList();
		outbox.markSent(delivered);
		sent.increment(delivered.size());
		for (ClaimedEmail email : rendered) {
			Exception failure = failures.get(email.id());
			if (failure != null) {
				recordFailure(email, failure);
			}
		}
		return claimed.size();
	}

	/** Fails the emails whose claimer vanished during their last allowed attempt. */
	void sweepAbandoned() {
		failed.increment(outbox.failAbandoned(properties.maxAttempts()));
	}

	private Map<UUID, Exception> deliver(List<OutgoingEmail> outgoing) {
		if (outgoing.isEmpty()) {
			return Map.of();
		}
		try {
			return transport.deliver(outgoing);
		}
		catch (RuntimeException ex) {
			Map<UUID, Exception> all = new java.util.HashMap<>();
			outgoing.forEach(email -> all.put(email.id(), ex));
			return all;
		}
	}

	private void recordFailure(ClaimedEmail email, Exception failure) {
		String error = describe(failure);
		if (isPermanent(failure) || email.attempts() >= properties.maxAttempts()) {
			log.warn("Email {} failed for good after {} attempts: {}", email.id(), email.attempts(), error);
			outbox.markFailed(email, error);
			failed.increment();
		}
		else {
			Duration delay = backoff(email.attempts());
			log.info("Email {} attempt {} failed, retrying in {}: {}", email.id(), email.attempts(), delay, error);
			outbox.scheduleRetry(email, delay, error);
			retried.increment();
		}
	}

	/**
	 * {@code base × 2^(attempts-1)}, capped, then "equal jitter" (a random point in the
	 * upper half) so that emails that failed together do not all come back at once.
	 */
	Duration backoff(int attempts) {
		long base = properties.backoffBase().toMillis();
		long cap = properties.backoffCap().toMillis();
		long exponential = attempts >= 40 ? cap : Math.min(cap, base << Math.max(0, attempts - 1));
		long half = exponential / 2;
		return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
	}

	String messageId(UUID id) {
		return "<" + id + "@" + messageIdDomain + ">";
	}

	/** A recipient the server refuses outright will be refused again. */
	private static boolean isPermanent(Exception failure) {
		Throwable cause = failure;
		while (cause != null) {
			if (cause instanceof SendFailedException sendFailed && sendFailed.getInvalidAddresses() != null
					&& sendFailed.getInvalidAddresses().length > 0) {
				return true;
			}
			cause = cause.getCause();
		}
		return false;
	}

	/**
	 * A short reason for admins. Authentication failures are named without the server's
	 * answer, which could echo credentials.
	 */
	private static String describe(Exception failure) {
		if (failure instanceof MailAuthenticationException) {
			return "The mail server refused our credentials";
		}
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage() == null ? "" : ": " + root.getMessage();
		return shorten(root.getClass().getSimpleName() + message);
	}

	private static String shorten(String error) {
		String line = error.replaceAll("[\\r\\n\\t]+", " ").strip();
		return line.length() <= MAX_ERROR_LENGTH ? line : line.substring(0, MAX_ERROR_LENGTH - 1) + "…";
	}

	/**
	 * When the workers of this node sweep for abandoned emails: at most once per interval
	 * between them all, instead of a statement with every batch.
	 */
	static final class SweepSchedule {

		private final long intervalNanos;

		private final AtomicLong next;

		SweepSchedule(Duration interval, long now) {
			this.intervalNanos = interval.toNanos();
			this.next = new AtomicLong(now);
		}

		/** Whether the caller sweeps now; true for one caller per interval. */
		boolean due(long now) {
			long at = this.next.get();
			return now - at >= 0 && this.next.compareAndSet(at, now + this.intervalNanos);
		}

	}

}
