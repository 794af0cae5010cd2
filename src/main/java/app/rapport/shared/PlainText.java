package app.rapport.shared;

import java.util.regex.Pattern;

/**
 * Rules for one line of text typed by a person (names, titles): trimmed, inner spaces
 * collapsed, bounded, and free of line breaks, control and invisible formatting
 * characters (which could forge email headers or disguise text) and of angle brackets
 * (which have no place in a name).
 */
public final class PlainText {

	private static final Pattern SPACES = Pattern.compile(" {2,}");

	private PlainText() {
	}

	/**
	 * The cleaned line, or an {@link IllegalArgumentException} whose message can be shown
	 * to the user.
	 * @param what the field as the message names it, e.g. "a name"
	 */
	public static String line(String value, String what, int maxLength) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("Enter " + what + ".");
		}
		if (value.codePoints().anyMatch(PlainText::unfit)) {
			throw new IllegalArgumentException(
					capitalize(what) + " cannot contain line breaks, control or invisible characters.");
		}
		String stripped = value.strip();
		String cleaned = stripped.contains("  ") ? SPACES.matcher(stripped).replaceAll(" ") : stripped;
		if (cleaned.length() > maxLength) {
			throw new IllegalArgumentException(capitalize(what) + " has at most " + maxLength + " characters.");
		}
		if (cleaned.indexOf('<') >= 0 || cleaned.indexOf('>') >= 0) {
			throw new IllegalArgumentException(capitalize(what) + " cannot contain < or >.");
		}
		return cleaned;
	}

	/**
	 * Whether a character has no place in text people type: control characters (line
	 * breaks among them), invisible formatting (zero-width, right-to-left overrides),
	 * broken halves of a character, and characters no font reliably shows.
	 */
	public static boolean unfit(int codePoint) {
		return switch (Character.getType(codePoint)) {
			case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
					Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
				true;
			default -> false;
		};
	}

	private static String capitalize(String what) {
		return Character.toUpperCase(what.charAt(0)) + what.substring(1);
	}

}
