package app.rapport.organization;

import java.time.Instant;

import app.rapport.notification.Branding;
import app.rapport.shared.OrganizationId;
import app.rapport.shared.PlainText;
import org.jspecify.annotations.Nullable;

/** An organization as other modules see it. */
public record Organization(OrganizationId id, OrganizationKind kind, String name, String brandColor,
		@Nullable String logoUrl, int invitationValidityDays, Instant createdAt) {

	public static final int MAX_NAME_LENGTH = 120;

	/** How emails sent on behalf of the organization look. */
	public Branding branding() {
		return new Branding(name, logoUrl, brandColor);
	}

	/** Cleans an organization name or explains what is wrong with it. */
	public static String cleanName(String name) {
		return PlainText.line(name, "the organization's name", MAX_NAME_LENGTH);
	}

}
