package app.rapport.shared;

/**
 * A failure the user can understand: its message is shown as is, in a page or as the
 * {@code detail} of an RFC 9457 problem document, and its status becomes the HTTP status.
 */
public class Problem extends RuntimeException {

	private final int status;

	private final String title;

	protected Problem(int status, String title, String message) {
		super(message);
		this.status = status;
		this.title = title;
	}

	public int status() {
		return status;
	}

	public String title() {
		return title;
	}

	public static Problem notFound(String message) {
		return new Problem(404, "Not found", message);
	}

	public static Problem conflict(String message) {
		return new Problem(409, "Conflict", message);
	}

	public static Problem invalid(String message) {
		return new Problem(400, "Invalid input", message);
	}

	public static Problem gone(String message) {
		return new Problem(410, "Gone", message);
	}

	public static Problem tooLarge(String message) {
		return new Problem(413, "Content too large", message);
	}

	public static Problem tooManyRequests(String message) {
		return new Problem(429, "Too many requests", message);
	}

}
