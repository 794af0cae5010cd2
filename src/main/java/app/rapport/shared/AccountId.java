package app.rapport.shared;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

/** Identifies a person's account across all organizations. */
public record AccountId(@JsonValue UUID value) {

	public AccountId {
		Objects.requireNonNull(value, "account id");
	}

	public static AccountId of(String value) {
		return new AccountId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
