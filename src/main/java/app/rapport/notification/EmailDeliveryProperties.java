package app.rapport.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How emails leave the outbox.
 *
 * @param from the sender, e.g. {@code Rapport <no-reply@example.com>}
 * @param devMailbox when no SMTP server is configured, mark emails delivered and show
 * them at {@code /dev/mailbox} instead of leaving them pending
 * @param dispatcherEnabled whether this node delivers emails at all (a node that only
 * serves requests may turn it off)
 * @param workers how many threads of this node deliver at once, each with its own batches
 * and SMTP connection
 * @param batchSize how many emails one claim takes and sends over one SMTP connection
 * @param pollInterval how long the dispatcher sleeps when the outbox has nothing due; a
 * commit that queues emails wakes it earlier
 * @param lease how long a claimed email is reserved for the node that claimed it; after
 * that another node may take it over (a crashed node's emails are retried)
 * @param maxAttempts attempts before an email is marked {@code FAILED}
 * @param backoffBase delay after the first failed attempt; doubles with every further
 * attempt
 * @param backoffCap the longest delay between two attempts
 */
@ConfigurationProperties("rapport.mail")
record EmailDeliveryProperties(@DefaultValue("Rapport <no-reply@rapport.localhost>") String from,
		@DefaultValue("false") boolean devMailbox, @DefaultValue("true") boolean dispatcherEnabled,
		@DefaultValue("2") int workers, @DefaultValue("100") int batchSize,
		@DefaultValue("500ms") Duration pollInterval, @DefaultValue("5m") Duration lease,
		@DefaultValue("8") int maxAttempts, @DefaultValue("30s") Duration backoffBase,
		@DefaultValue("1h") Duration backoffCap) {

	EmailDeliveryProperties {
		if (batchSize < 1 || batchSize > 1000) {
			throw new IllegalArgumentException("rapport.mail.batch-size must be between 1 and 1000");
		}
		if (workers < 1 || workers > 16) {
			throw new IllegalArgumentException("rapport.mail.workers must be between 1 and 16");
		}
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("rapport.mail.max-attempts must be at least 1");
		}
		if (pollInterval.isNegative() || pollInterval.isZero() || lease.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("rapport.mail.poll-interval and rapport.mail.lease must be positive");
		}
	}

}
