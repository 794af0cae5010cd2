package app.rapport.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A random secret handed to a person once (in a link or as an API token). Only its
 * SHA-256 hash is stored, so a database leak reveals no usable token. 256 bits of entropy
 * from {@link SecureRandom}.
 */
public record SecretToken(String value) {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final int BYTES = 32;

	public SecretToken {
		if (value == null || value.isBlank() || value.length() > 128) {
			throw new IllegalArgumentException("malformed token");
		}
	}

	public static SecretToken generate() {
		byte[] bytes = new byte[BYTES];
		RANDOM.nextBytes(bytes);
		return new SecretToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
	}

	/** The hex SHA-256 of the token, the only form that is persisted. */
	public String hash() {
		return hash(value);
	}

	public static String hash(String raw) {
		MessageDigest digest = SHA256.get();
		return HexFormat.of().formatHex(digest.digest(raw.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * One digest per thread: every API request hashes its token, and looking the
	 * algorithm up each time cost more than hashing.
	 */
	private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	});

	@Override
	public String toString() {
		return "SecretToken[***]";
	}

}
