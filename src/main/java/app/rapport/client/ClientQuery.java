package app.rapport.client;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A view of the Clients page: what to search, filter and sort by, and where the page
 * starts.
 *
 * @param search a name prefix or an email fragment (see {@link #matchesEmails()})
 * @param after the cursor of the last row of the previous page, or null for the first
 * page
 */
public record ClientQuery(@Nullable String search, @Nullable ClientKind kind, @Nullable ClientStatus status,
		@Nullable String tag, Sort sort, boolean archived, @Nullable String after, int size) {

	public static final int MAX_SIZE = 200;

	public ClientQuery {
		search = search == null || search.isBlank() ? null : search.strip().toLowerCase(Locale.ROOT);
		if (search != null && search.length() > 100) {
			search = search.substring(0, 100);
		}
		tag = tag == null || tag.isBlank() ? null : tag.strip().toLowerCase(Locale.ROOT);
		sort = sort == null ? Sort.RECENT : sort;
		size = Math.clamp(size, 1, MAX_SIZE);
	}

	/**
	 * Whether the search also looks inside emails. An email has no spaces, and a fragment
	 * of one or two characters would match most of them (and no index can find it), so
	 * such searches look at name prefixes only.
	 */
	public boolean matchesEmails() {
		return search != null && search.length() >= 3 && search.chars().noneMatch(Character::isWhitespace);
	}

	public enum Sort {

		/** Newest first. */
		RECENT,
		/** By name, A to Z. */
		NAME

	}

}
