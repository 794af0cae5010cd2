package app.rapport.client;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import app.rapport.shared.EmailAddress;
import app.rapport.shared.FieldProblem;
import app.rapport.shared.PlainText;
import org.jspecify.annotations.Nullable;

/**
 * Validated details of a client record. Each rule throws a {@link FieldProblem} naming
 * its field, so forms show the message next to it.
 */
public final class ClientDetails {

	private static final Pattern PHONE = Pattern.compile("[+0-9 ().-]{3,30}");

	private static final Pattern WEBSITE = Pattern.compile("(https?://)?[a-z0-9.-]+\\.[a-z]{2,63}(/[^\\s<>\"]*)?");

	public static final int MAX_NAME = 100;

	public static final int MAX_TAGS = 20;

	public static final int MAX_TAG = 40;

	public static final int MAX_NOTES = 5000;

	private ClientDetails() {
	}

	/** An individual client. */
	public record Individual(String firstName, String lastName, @Nullable EmailAddress email, @Nullable String phone,
			@Nullable String timeZone, List<String> tags, @Nullable String privateNotes) {

		public String displayName() {
			return firstName + " " + lastName;
		}

		/** Cleans raw input or throws a {@link FieldProblem}. */
		public static Individual of(String firstName, String lastName, @Nullable String email, @Nullable String phone,
				@Nullable String timeZone, @Nullable String tags, @Nullable String privateNotes,
				boolean emailRequired) {
			return new Individual(line("firstName", firstName, "a first name", MAX_NAME),
					line("lastName", lastName, "a last name", MAX_NAME),
					ClientDetails.email("email", email, emailRequired), ClientDetails.phone(phone),
					ClientDetails.timeZone(timeZone), ClientDetails.tags(tags), notes(privateNotes));
		}

	}

	/** A client company with an optional point of contact. */
	public record Company(String name, @Nullable String website, @Nullable String address, @Nullable String contactName,
			@Nullable EmailAddress contactEmail, List<String> tags, @Nullable String privateNotes) {

		public boolean hasContact() {
			return contactEmail != null;
		}

		public static Company of(String name, @Nullable String website, @Nullable String address,
				@Nullable String contactName, @Nullable String contactEmail, @Nullable String tags,
				@Nullable String privateNotes) {
			EmailAddress email = ClientDetails.email("contactEmail", contactEmail, false);
			String contact = blank(contactName) ? null : line("contactName", contactName, "a name", MAX_NAME);
			if (email != null && contact == null) {
				throw new FieldProblem("contactName", "Enter the point of contact's name.");
			}
			if (email == null && contact != null) {
				throw new FieldProblem("contactEmail", "Enter the point of contact's email, or leave both empty.");
			}
			return new Company(line("name", name, "the company's name", 120), ClientDetails.website(website),
					ClientDetails.address(address), contact, email, ClientDetails.tags(tags), notes(privateNotes));
		}

	}

	static String line(String field, @Nullable String value, String what, int max) {
		try {
			return PlainText.line(value, what, max);
		}
		catch (IllegalArgumentException ex) {
			throw new FieldProblem(field, ex.getMessage());
		}
	}

	static @Nullable EmailAddress email(String field, @Nullable String value, boolean required) {
		if (blank(value)) {
			if (required) {
				throw new FieldProblem(field, "Enter an email address to send the invitation to.");
			}
			return null;
		}
		try {
			return new EmailAddress(value);
		}
		catch (IllegalArgumentException ex) {
			throw new FieldProblem(field, ex.getMessage());
		}
	}

	static @Nullable String phone(@Nullable String value) {
		if (blank(value)) {
			return null;
		}
		String cleaned = value.strip();
		if (!PHONE.matcher(cleaned).matches()) {
			throw new FieldProblem("phone", "Enter a phone number with digits, spaces and + ( ) - only.");
		}
		return cleaned;
	}

	static @Nullable String timeZone(@Nullable String value) {
		if (blank(value)) {
			return null;
		}
		try {
			return ZoneId.of(value.strip()).getId();
		}
		catch (DateTimeException ex) {
			throw new FieldProblem("timeZone", "Choose a time zone from the list, like Europe/London.");
		}
	}

	static @Nullable String website(@Nullable String value) {
		if (blank(value)) {
			return null;
		}
		String cleaned = value.strip().toLowerCase(Locale.ROOT);
		if (!WEBSITE.matcher(cleaned).matches() || cleaned.length() > 200) {
			throw new FieldProblem("website", "Enter a website or domain, like example.com.");
		}
		return cleaned;
	}

	static @Nullable String address(@Nullable String value) {
		if (blank(value)) {
			return null;
		}
		// browsers send the line breaks of a textarea as CR LF
		String cleaned = value.strip().replace("\r\n", "\n");
		if (cleaned.length() > 300 || cleaned.codePoints()
			.anyMatch(c -> Character.getType(c) == Character.FORMAT || (Character.isISOControl(c) && c != '\n'))) {
			throw new FieldProblem("address", "An address has at most 300 characters and no control characters.");
		}
		return cleaned;
	}

	static List<String> tags(@Nullable String value) {
		if (blank(value)) {
			return List.of();
		}
		Set<String> tags = new LinkedHashSet<>();
		for (String raw : value.split(",")) {
			if (raw.isBlank()) {
				continue;
			}
			tags.add(line("tags", raw, "a tag", MAX_TAG).toLowerCase(Locale.ROOT));
		}
		if (tags.size() > MAX_TAGS) {
			throw new FieldProblem("tags", "Use at most " + MAX_TAGS + " tags.");
		}
		return new ArrayList<>(tags);
	}

	static @Nullable String notes(@Nullable String value) {
		if (blank(value)) {
			return null;
		}
		if (value.length() > MAX_NOTES) {
			throw new FieldProblem("privateNotes", "Private notes have at most " + MAX_NOTES + " characters.");
		}
		return value.strip().replace("\r", "");
	}

	static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
