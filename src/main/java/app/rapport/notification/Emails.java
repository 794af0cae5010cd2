package app.rapport.notification;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.rapport.shared.WritesAtCommit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queues emails in the outbox. Call it inside the transaction of the business change: the
 * email then exists if and only if the change committed, and the dispatcher delivers it
 * afterwards.
 */
@Service
public class Emails {

	private static final String INSERT = """
			insert into email_outbox (id, organization_id, recipient, subject, template, model)
			values (?, ?, ?, ?, ?, ?::jsonb)""";

	private final WritesAtCommit writes;

	private final JsonMapper json;

	private final OutboxSignal signal;

	Emails(WritesAtCommit writes, OutboxSignal signal) {
		this.writes = writes;
		this.signal = signal;
		this.json = JsonMapper.builder().build();
	}

	/** Queues one email; it is sent after the surrounding transaction commits. */
	@Transactional(propagation = Propagation.MANDATORY)
	public UUID queue(Email email) {
		return queueAll(List.of(email)).getFirst();
	}

	/**
	 * Queues many emails; they are written with the transaction's other
	 * {@link WritesAtCommit}, just before it commits.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<UUID> queueAll(Collection<Email> emails) {
		List<UUID> ids = new ArrayList<>(emails.size());
		List<Object[]> rows = new ArrayList<>(emails.size());
		for (Email email : emails) {
			UUID id = UUID.randomUUID();
			ids.add(id);
			rows.add(new Object[] { id, email.organizationId() == null ? null : email.organizationId().value(),
					email.to().value(), email.subject(), email.template(), json.writeValueAsString(modelOf(email)) });
		}
		writes.add(INSERT, rows);
		signal.wakeAfterCommit();
		return ids;
	}

	private static Map<String, Object> modelOf(Email email) {
		Map<String, Object> model = new LinkedHashMap<>(email.model());
		Branding branding = email.branding();
		Map<String, Object> brand = new LinkedHashMap<>();
		brand.put("name", branding.name());
		brand.put("logoUrl", branding.logoUrl());
		brand.put("color", branding.color());
		model.put("branding", brand);
		return model;
	}

}
