package app.rapport.shared;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

/** Identifies an organization (a tenant). */
public record OrganizationId(@JsonValue UUID value) {

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
