package app.rapport.client.web;

import app.rapport.client.ClientDetails;
import app.rapport.client.ClientKind;
import app.rapport.client.ClientRecord;
import app.rapport.client.web.ClientForms.EditForm;
import org.jspecify.annotations.Nullable;

/**
 * Turns an edit form into the changed record, applying the same rules as creation. Fields
 * left out (null) keep their value, so an owned record's form can omit the personal
 * details it may not change.
 */
final class ClientEdits {

	private ClientEdits() {
	}

	static ClientRecord apply(ClientRecord record, EditForm form) {
		String tags = form.tags() != null ? form.tags() : String.join(",", record.tags());
		String notes = form.privateNotes() != null ? form.privateNotes() : record.privateNotes();
		if (record.kind() == ClientKind.INDIVIDUAL) {
			ClientDetails.Individual details = ClientDetails.Individual.of(or(form.firstName(), record.firstName()),
					or(form.lastName(), record.lastName()), record.email(), or(form.phone(), record.phone()),
					or(form.timeZone(), record.timeZone()), tags, notes, false);
			return new ClientRecord(record.id(), record.providerId(), record.kind(), record.status(),
					details.displayName(), details.firstName(), details.lastName(), record.email(), details.phone(),
					details.timeZone(), null, null, null, details.tags(), details.privateNotes(),
					record.ownerAccountId(), record.ownerOrganizationId(), record.createdBy(), record.createdAt(),
					record.lastInvitedAt(), record.archivedAt());
		}
		ClientDetails.Company details = ClientDetails.Company.of(or(form.name(), record.displayName()),
				or(form.website(), record.website()), or(form.address(), record.address()),
				or(form.contactName(), record.contactName()), record.email(), tags, notes);
		return new ClientRecord(record.id(), record.providerId(), record.kind(), record.status(), details.name(), null,
				null, record.email(), null, null, details.website(), details.address(), details.contactName(),
				details.tags(), details.privateNotes(), record.ownerAccountId(), record.ownerOrganizationId(),
				record.createdBy(), record.createdAt(), record.lastInvitedAt(), record.archivedAt());
	}

	private static @Nullable String or(@Nullable String value, @Nullable String fallback) {
		return value != null ? value : fallback;
	}

}
