package app.rapport.client;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

public record ClientId(@JsonValue UUID value) {

	public ClientId {
		Objects.requireNonNull(value, "client id");
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
