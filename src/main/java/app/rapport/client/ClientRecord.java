package app.rapport.client;

import java.time.Instant;
import java.util.List;

import app.rapport.shared.AccountId;
import app.rapport.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

/** A row of a provider's Clients page and the details of its profile. */
public record ClientRecord(ClientId id, OrganizationId providerId, ClientKind kind, ClientStatus status,
		String displayName, @Nullable String firstName, @Nullable String lastName, @Nullable String email,
		@Nullable String phone, @Nullable String timeZone, @Nullable String website, @Nullable String address,
		@Nullable String contactName, List<String> tags, @Nullable String privateNotes,
		@Nullable AccountId ownerAccountId, @Nullable OrganizationId ownerOrganizationId, AccountId createdBy,
		Instant createdAt, @Nullable Instant lastInvitedAt, @Nullable Instant archivedAt) {

	/**
	 * After ownership transfer the provider keeps only the relationship fields (tags,
	 * private notes).
	 */
	public boolean personalDetailsLocked() {
		return status == ClientStatus.OWNED;
	}

	public boolean archived() {
		return archivedAt != null;
	}

}
