package app.rapport.account;

import app.rapport.shared.PlainText;

/** Rules for a person's name as shown to others. */
public final class DisplayName {

	public static final int MAX_LENGTH = 100;

	private DisplayName() {
	}

	/** The cleaned name, or an exception with a message for the user. */
	public static String clean(String name) {
		return PlainText.line(name, "a name", MAX_LENGTH);
	}

}
