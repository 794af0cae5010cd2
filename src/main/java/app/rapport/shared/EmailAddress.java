package app.rapport.shared;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A syntactically valid, normalized email address. Normalization lower-cases the whole
 * address: mailbox providers treat local parts case-insensitively in practice, and one
 * person must have one account. Control characters (CR/LF among them) are refused so an
 * address can never inject an email header.
 */
public record EmailAddress(String value) {

	/** RFC 5321 limits a forward path to 254 characters. */
	public static final int MAX_LENGTH = 254;

	private static final Pattern SHAPE = Pattern
		.compile("^[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");

	public EmailAddress {
		if (value == null) {
			throw new IllegalArgumentException("Enter an email address.");
		}
		value = value.strip().toLowerCase(Locale.ROOT);
		if (value.isEmpty()) {
			throw new IllegalArgumentException("Enter an email address.");
		}
		if (value.length() > MAX_LENGTH) {
			throw new IllegalArgumentException("An email address has at most " + MAX_LENGTH + " characters.");
		}
		if (!SHAPE.matcher(value).matches() || value.contains("..") || value.startsWith(".") || value.contains(".@")) {
			throw new IllegalArgumentException("Enter a valid email address, like name@example.com.");
		}
	}

	public static boolean isValid(String candidate) {
		try {
			new EmailAddress(candidate);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	@Override
	public String toString() {
		return value;
	}

}
