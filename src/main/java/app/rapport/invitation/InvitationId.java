package app.rapport.invitation;

import java.util.Objects;
import java.util.UUID;

public record InvitationId(UUID value) {

	public InvitationId {
		Objects.requireNonNull(value, "invitation id");
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
