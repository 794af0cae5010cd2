package app.rapport.account;

/** Rules for a person's name as shown to others. */
public final class DisplayName {

	public static final int MAX_LENGTH = 100;

	private DisplayName() {
	}

	/** The cleaned name, or an exception with a message for the user. */
	public static String clean(String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("Enter a name.");
		}
		if (name.codePoints().anyMatch(DisplayName::forbidden)) {
			throw new IllegalArgumentException("A name cannot contain line breaks, control or invisible characters.");
		}
		String cleaned = name.strip().replaceAll(" +", " ");
		if (cleaned.length() > MAX_LENGTH) {
			throw new IllegalArgumentException("A name has at most " + MAX_LENGTH + " characters.");
		}
		if (cleaned.contains("<") || cleaned.contains(">")) {
			throw new IllegalArgumentException("A name cannot contain < or >.");
		}
		return cleaned;
	}

	private static boolean forbidden(int codePoint) {
		int type = Character.getType(codePoint);
		return type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
				|| type == Character.UNASSIGNED;
	}

}
