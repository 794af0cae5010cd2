package app.rapport.invitation;

import java.util.UUID;

import app.rapport.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

/** An invited person declined. */
public record InvitationDeclined(InvitationId invitationId, OrganizationId organizationId, InvitationPurpose purpose,
		@Nullable UUID subjectId) {
}
