package app.rapport.organization;

import java.time.Instant;

import app.rapport.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

/** An organization as other modules see it. */
public record Organization(OrganizationId id, OrganizationKind kind, String name, String brandColor,
		@Nullable String logoUrl, Instant createdAt) {

	public static final int MAX_NAME_LENGTH = 120;

	/** Cleans an organization name or explains what is wrong with it. */
	public static String cleanName(String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("Enter the organization's name.");
		}
		String cleaned = name.strip().replaceAll("\\s+", " ");
		if (cleaned.length() > MAX_NAME_LENGTH) {
			throw new IllegalArgumentException("A name has at most " + MAX_NAME_LENGTH + " characters.");
		}
		if (cleaned.codePoints()
			.anyMatch(c -> Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.FORMAT)
				|| cleaned.contains("<") || cleaned.contains(">")) {
			throw new IllegalArgumentException("A name cannot contain < >, control or invisible characters.");
		}
		return cleaned;
	}

}
