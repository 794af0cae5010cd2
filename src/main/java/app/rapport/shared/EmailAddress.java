package app.rapport.shared;

import java.net.IDN;
import java.util.Locale;

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

	/**
	 * The characters of a local part besides letters and digits (RFC 5322's atext, and
	 * dots).
	 */
	private static final String LOCAL_SYMBOLS = ".!#$%&'*+/=?^_`{|}~-";

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
		if (!shaped(value) || value.contains("..") || value.startsWith(".") || value.contains(".@")) {
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

	/**
	 * Whether a lower-case ASCII address has the shape of
	 * {@code [a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}}:
	 * 1 to 64 characters before the @, then labels of letters, digits and inner hyphens,
	 * each at most 63 long, and a top-level domain of 2 to 63 letters. Written out, not a
	 * regular expression: every address read from the database passes here (200 for one
	 * page of Manage users), and the expression was 8% of that page's CPU.
	 * {@code EmailAddressTest} checks it against the expression.
	 */
	static boolean shaped(String value) {
		int at = value.indexOf('@');
		if (at < 1 || at > 64) {
			return false;
		}
		for (int i = 0; i < at; i++) {
			char c = value.charAt(i);
			if (!letterOrDigit(c) && LOCAL_SYMBOLS.indexOf(c) < 0) {
				return false;
			}
		}
		int tld = value.lastIndexOf('.') + 1;
		int tldLength = value.length() - tld;
		if (tld <= at + 1 || tldLength < 2 || tldLength > 63) {
			return false;
		}
		for (int i = tld; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 'a' || c > 'z') {
				return false;
			}
		}
		int label = at + 1;
		for (int i = label; i < tld; i++) {
			char c = value.charAt(i);
			if (c == '.') {
				if (i == label || i - label > 63 || value.charAt(label) == '-' || value.charAt(i - 1) == '-') {
					return false;
				}
				label = i + 1;
			}
			else if (!letterOrDigit(c) && c != '-') {
				return false;
			}
		}
		return true;
	}

	private static boolean letterOrDigit(char c) {
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
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
