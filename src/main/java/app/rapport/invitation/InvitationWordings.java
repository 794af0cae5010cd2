package app.rapport.invitation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.rapport.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

/**
 * Wording an organization wrote for some of its invitations (a community's own invitation
 * email and registration page text). Implemented by the module that owns the wording, so
 * this module renders and sends emails without knowing where the words come from; read at
 * every send, resend and reminder, so the latest wording applies.
 */
public interface InvitationWordings {

	/**
	 * The organization's own email wording for invitations of this purpose and record, or
	 * empty for Rapport's own. Asked once per send, resend or reminder batch and record,
	 * then filled in for each person.
	 */
	Optional<EmailWording> emailFor(OrganizationId organization, InvitationPurpose purpose, @Nullable UUID subjectId);

	/** An email wording ready to be filled in for one person. */
	@FunctionalInterface
	interface EmailWording {

		Wording fillIn(String name, String inviterName);

	}

	/**
	 * What the registration page says above its form, one entry a paragraph, or an empty
	 * list for nothing extra.
	 */
	List<String> registrationText(OrganizationId organization, InvitationPurpose purpose);

	/**
	 * An invitation email's own words: plain text, escaped by the email templates.
	 *
	 * @param subject one line, without line breaks
	 * @param paragraphs the body, one entry a paragraph
	 */
	record Wording(String subject, List<String> paragraphs) {
	}

}
