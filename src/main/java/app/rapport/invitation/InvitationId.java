package app.rapport.invitation;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

public record InvitationId(@JsonValue UUID value) {

	public InvitationId {
		Objects.requireNonNull(value, "invitation id");
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
