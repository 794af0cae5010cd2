package app.rapport.client;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A CSV import of individual clients between its preview and its commit: every row of the
 * file with what committing would do with it. It belongs to the organization and the
 * person who uploaded it and expires an hour after the upload.
 *
 * @param committedAt when the rows were imported, or null while the import waits for a
 * decision
 * @param importedCount how many client records the commit created, once committed
 * @param invited whether the commit also invited them, once committed
 */
public record ClientImport(UUID id, @Nullable String fileName, List<Row> rows, int newCount, int duplicateCount,
		int invalidCount, Instant createdAt, Instant expiresAt, @Nullable Instant committedAt,
		@Nullable Integer importedCount, @Nullable Boolean invited) {

	public int rowCount() {
		return rows.size();
	}

	public boolean committed() {
		return committedAt != null;
	}

	public boolean expired(Instant now) {
		return !expiresAt.isAfter(now);
	}

	/** What committing does with a row. */
	public enum RowStatus {

		/** A valid row whose email is not yet a client: it will be imported. */
		NEW("New"),
		/**
		 * The email already belongs to a client record, or appears earlier in the file:
		 * skipped.
		 */
		DUPLICATE("Duplicate"),
		/** A rule of client details refuses the row: skipped. */
		INVALID("Invalid");

		private final String label;

		RowStatus(String label) {
			this.label = label;
		}

		public String label() {
			return label;
		}

	}

	/**
	 * One row of the file: the cleaned details when it is new, what was typed otherwise.
	 *
	 * @param line the line of the file where the row starts
	 * @param reason why the row is skipped (duplicate or invalid), or null
	 */
	public record Row(int line, RowStatus status, String firstName, String lastName, String email,
			@Nullable String phone, List<String> tags, @Nullable String reason) {
	}

	/** What a commit did. */
	public record Result(UUID importId, int imported, int invited) {
	}

}
