package app.rapport.notification;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes this node's dispatcher when emails become due, so that they leave within
 * milliseconds of the commit instead of at the next poll. Other nodes find them by
 * polling.
 */
@Component
class OutboxSignal {

	private final Semaphore permits = new Semaphore(0);

	/**
	 * Wakes the dispatcher once the current transaction commits (at once without one):
	 * the rows are invisible to the dispatcher before that, and a rollback must not send.
	 */
	void wakeAfterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					wake();
				}
			});
		}
		else {
			wake();
		}
	}

	void wake() {
		if (permits.availablePermits() == 0) {
			permits.release();
		}
	}

	/** Wakes up to {@code count} waiting workers (on shutdown). */
	void wakeAll(int count) {
		permits.release(count);
	}

	/** Waits until woken or until the timeout passes. */
	void await(Duration timeout) throws InterruptedException {
		permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
		permits.drainPermits();
	}

}
