package app.rapport.client;

import java.util.Objects;
import java.util.UUID;

public record ClientId(UUID value) {

	public ClientId {
		Objects.requireNonNull(value, "client id");
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
