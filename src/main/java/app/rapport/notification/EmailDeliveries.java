package app.rapport.notification;

import java.util.List;
import java.util.UUID;

import app.rapport.shared.OrganizationId;
import app.rapport.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The emails an organization sent, for its admins: what was delivered, what is waiting,
 * what failed, and retrying failed ones. Every method is scoped to one organization;
 * another organization's email is reported as not found.
 */
@Service
public class EmailDeliveries {

	public static final int MAX_PAGE_SIZE = 100;

	private final EmailOutboxRepository outbox;

	private final OutboxSignal signal;

	EmailDeliveries(EmailOutboxRepository outbox, OutboxSignal signal) {
		this.outbox = outbox;
		this.signal = signal;
	}

	/**
	 * The organization's emails, newest first.
	 * @param status only emails in this status, or all
	 * @param before the id of the last email of the previous page, or null for the first
	 * page
	 */
	@Transactional(readOnly = true)
	public List<EmailDelivery> page(OrganizationId organization, @Nullable EmailStatus status, @Nullable UUID before,
			int size) {
		int limit = Math.clamp(size, 1, MAX_PAGE_SIZE);
		return outbox.pageOfOrganization(organization.value(), status == null ? null : status.name(), before, limit)
			.stream()
			.map(EmailOutboxRepository.StoredEmail::toDelivery)
			.toList();
	}

	/**
	 * Sends a failed email again. Its attempts start again from zero, so it gets the full
	 * series of retries with backoff; the last error stays visible until the next attempt
	 * replaces or clears it.
	 */
	@Transactional
	public EmailDelivery retry(OrganizationId organization, UUID id) {
		EmailOutboxRepository.StoredEmail email = outbox.find(id)
			.filter(e -> organization.value().equals(e.organizationId()))
			.orElseThrow(() -> Problem.notFound("No such email."));
		if (!outbox.retry(organization.value(), id)) {
			throw Problem.conflict(
					"Only failed emails can be retried; this one is " + email.status().name().toLowerCase() + ".");
		}
		signal.wakeAfterCommit();
		return outbox.find(id).orElseThrow().toDelivery();
	}

}
