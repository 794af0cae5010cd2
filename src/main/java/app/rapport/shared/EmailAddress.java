package app.rapport.shared;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A syntactically valid, normalized email address. Normalization lower-cases the whole
 * address: mailbox providers treat local parts case-insensitively in practice, and one
 * person must have one account. Control characters (CR/LF among them) are refused so an
 * address can never inject an email header, and so are invisible formatting characters
 * (zero-width spaces, right-to-left overrides) that would make two addresses look alike.
 * An internationalized domain ({@code bücher.example}) is stored in its ASCII form
 * ({@code xn--bcher-kva.example}), which every mail server accepts and which shows a
 * look-alike domain for what it is; a local part must be ASCII, since many mail servers
 * still refuse others (SMTPUTF8).
 */
public record EmailAddress(String value) {

	/** RFC 5321 limits a forward path to 254 characters. */
	public static final int MAX_LENGTH = 254;

	private static final String INVALID = "Enter a valid email address, like name@example.com.";

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
		value = asciiDomain(value);
		if (!SHAPE.matcher(value).matches() || value.contains("..") || value.startsWith(".") || value.contains(".@")) {
			throw new IllegalArgumentException(INVALID);
		}
	}

	private static String asciiDomain(String value) {
		if (ascii(value)) {
			return value;
		}
		if (value.codePoints()
			.anyMatch(c -> Character.getType(c) == Character.FORMAT || Character.isISOControl(c)
					|| Character.isWhitespace(c))) {
			throw new IllegalArgumentException(INVALID);
		}
		int at = value.lastIndexOf('@');
		if (at < 0 || value.substring(0, at).chars().anyMatch(c -> c >= 0x80)) {
			throw new IllegalArgumentException(
					"Enter an email address whose part before the @ uses only unaccented letters, digits and . _ + -");
		}
		try {
			return value.substring(0, at + 1)
					+ IDN.toASCII(value.substring(at + 1), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(INVALID);
		}
	}

	/** A loop, not a stream: every address read from the database passes here. */
	private static boolean ascii(String value) {
		for (int i = 0; i < value.length(); i++) {
			if (value.charAt(i) >= 0x80) {
				return false;
			}
		}
		return true;
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
