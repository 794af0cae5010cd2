package app.rapport.notification;

import java.util.Map;
import java.util.regex.Pattern;

import app.rapport.shared.EmailAddress;
import app.rapport.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

/**
 * One email to one recipient, queued in the outbox.
 *
 * @param to the recipient
 * @param subject the subject line; line breaks are folded into spaces so nothing reaches
 * other headers
 * @param template the template name under {@code templates/email/}, e.g.
 * {@code account/verify-email}; both {@code .html} and {@code .txt} variants must exist
 * @param model template variables (strings, numbers, booleans); stored as JSON until
 * delivery
 * @param branding the look of the email
 * @param organizationId the organization on whose behalf it is sent, or null for platform
 * emails
 */
public record Email(EmailAddress to, String subject, String template, Map<String, Object> model, Branding branding,
		@Nullable OrganizationId organizationId) {

	public static final int MAX_SUBJECT_LENGTH = 300;

	// compiled once: every invitation builds an email, and bulk invitations build
	// thousands
	private static final Pattern CONTROLS = Pattern.compile("[\\r\\n\\t\\p{Cntrl}]+");

	private static final Pattern TEMPLATE = Pattern.compile("[a-z0-9-]+(/[a-z0-9-]+)*");

	public Email {
		subject = CONTROLS.matcher(subject).replaceAll(" ").strip();
		if (subject.length() > MAX_SUBJECT_LENGTH) {
			subject = subject.substring(0, MAX_SUBJECT_LENGTH);
		}
		if (!TEMPLATE.matcher(template).matches()) {
			throw new IllegalArgumentException("bad template name " + template);
		}
		model = Map.copyOf(model);
	}

}
