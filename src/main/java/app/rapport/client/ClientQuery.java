package app.rapport.client;

import org.jspecify.annotations.Nullable;

/**
 * A view of the Clients page: what to search, filter and sort by, and where the page
 * starts.
 *
 * @param search a name prefix or an email fragment
 * @param after the cursor of the last row of the previous page, or null for the first
 * page
 */
public record ClientQuery(@Nullable String search, @Nullable ClientKind kind, @Nullable ClientStatus status,
		@Nullable String tag, Sort sort, boolean archived, @Nullable String after, int size) {

	public static final int MAX_SIZE = 200;

	public ClientQuery {
		search = search == null || search.isBlank() ? null : search.strip().toLowerCase();
		if (search != null && search.length() > 100) {
			search = search.substring(0, 100);
		}
		tag = tag == null || tag.isBlank() ? null : tag.strip().toLowerCase();
		sort = sort == null ? Sort.RECENT : sort;
		size = Math.clamp(size, 1, MAX_SIZE);
	}

	public enum Sort {

		/** Newest first. */
		RECENT,
		/** By name, A to Z. */
		NAME

	}

}
