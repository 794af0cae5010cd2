package app.rapport.invitation;

import java.util.UUID;

import app.rapport.shared.EmailAddress;
import app.rapport.shared.OrganizationRole;
import org.jspecify.annotations.Nullable;

/**
 * What to invite someone to.
 *
 * @param purpose what the person becomes on acceptance
 * @param subjectId the record the invitation is about (a client record, a program…), or
 * null
 * @param email who is invited
 * @param name how the email addresses them
 * @param role the organization role granted on acceptance (colleagues only)
 */
public record InvitationRequest(InvitationPurpose purpose, @Nullable UUID subjectId, EmailAddress email, String name,
		@Nullable OrganizationRole role) {
}
