package app.rapport.account;

import java.nio.charset.StandardCharsets;

/**
 * What a password must be. Length is what matters (NIST SP 800-63B): at least 10
 * characters; at most 72 bytes because bcrypt ignores anything beyond.
 */
public final class PasswordPolicy {

	public static final int MIN_LENGTH = 10;

	public static final int MAX_BYTES = 72;

	private PasswordPolicy() {
	}

	/** Throws with a message fit for the user when the password is not acceptable. */
	public static void check(String password) {
		if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
			throw new IllegalArgumentException("Use at least " + MIN_LENGTH + " characters.");
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			throw new IllegalArgumentException("Use at most " + MAX_BYTES + " bytes (about 70 letters).");
		}
		if (password.isBlank()) {
			throw new IllegalArgumentException("A password cannot be only spaces.");
		}
	}

}
