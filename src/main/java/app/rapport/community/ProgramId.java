package app.rapport.community;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

/** Identifies a program of a community. */
public record ProgramId(@JsonValue UUID value) {

	public ProgramId {
		Objects.requireNonNull(value, "program id");
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
