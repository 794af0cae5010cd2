package app.rapport.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies an organization (a tenant). */
public record OrganizationId(UUID value) {

	public OrganizationId {
		Objects.requireNonNull(value, "organization id");
	}

	public static OrganizationId of(String value) {
		return new OrganizationId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
