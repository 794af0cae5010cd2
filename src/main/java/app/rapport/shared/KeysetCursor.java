package app.rapport.shared;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Where a page of a list sorted newest first ends: the time and id of its last row, given
 * to callers as an opaque string for the next page (keyset paging, never OFFSET).
 */
public record KeysetCursor(Instant at, UUID id) {

	public String encode() {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((at + "\n" + id).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The cursor, or null for the first page.
	 * @throws Problem 400 for a string that is no cursor
	 */
	public static @Nullable KeysetCursor decode(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			String decoded = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
			int split = decoded.indexOf('\n');
			return new KeysetCursor(Instant.parse(decoded.substring(0, split)),
					UUID.fromString(decoded.substring(split + 1)));
		}
		catch (IllegalArgumentException | IndexOutOfBoundsException | DateTimeParseException ex) {
			throw Problem.invalid("The page cursor is not valid. Start again from the first page.");
		}
	}

}
