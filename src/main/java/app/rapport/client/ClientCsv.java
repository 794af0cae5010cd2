package app.rapport.client;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import app.rapport.shared.Problem;
import org.jspecify.annotations.Nullable;

/**
 * Reads a CSV file of individual clients (RFC 4180: comma separated, fields optionally in
 * double quotes, quotes doubled inside them, commas and line breaks allowed inside quoted
 * fields, CR LF or LF line ends). The file is read as a stream, one record at a time, so
 * memory stays bounded by the row limit rather than by what was sent.
 * <p>
 * Columns: first name, last name, email, phone (optional), tags (optional). A first row
 * naming these columns (in any order, with common spellings such as {@code First name},
 * {@code first_name} or {@code Email address}) is a header; without one the columns are
 * taken in that order. Anything wrong with the file as a whole (too large, too many rows,
 * not UTF-8, a quote never closed, a header without a required column) is a
 * {@link Problem} with status 400 whose message says what to do; problems of single rows
 * are left to {@link ClientDetails}.
 */
final class ClientCsv {

	static final int MAX_ROWS = 10_000;

	static final long MAX_BYTES = 5L * 1024 * 1024;

	static final int MAX_COLUMNS = 200;

	private static final Map<String, Column> HEADER_NAMES = Map.ofEntries(Map.entry("firstname", Column.FIRST_NAME),
			Map.entry("first", Column.FIRST_NAME), Map.entry("givenname", Column.FIRST_NAME),
			Map.entry("forename", Column.FIRST_NAME), Map.entry("lastname", Column.LAST_NAME),
			Map.entry("last", Column.LAST_NAME), Map.entry("surname", Column.LAST_NAME),
			Map.entry("familyname", Column.LAST_NAME), Map.entry("email", Column.EMAIL),
			Map.entry("emailaddress", Column.EMAIL), Map.entry("mail", Column.EMAIL), Map.entry("phone", Column.PHONE),
			Map.entry("phonenumber", Column.PHONE), Map.entry("telephone", Column.PHONE),
			Map.entry("mobile", Column.PHONE), Map.entry("mobilephone", Column.PHONE), Map.entry("tel", Column.PHONE),
			Map.entry("tags", Column.TAGS), Map.entry("tag", Column.TAGS), Map.entry("labels", Column.TAGS));

	private ClientCsv() {
	}

	/** One data row as typed in the file, before any validation. */
	record Row(int line, String firstName, String lastName, String email, String phone, String tags) {
	}

	enum Column {

		FIRST_NAME("First name"), LAST_NAME("Last name"), EMAIL("Email"), PHONE("Phone"), TAGS("Tags");

		final String label;

		Column(String label) {
			this.label = label;
		}

	}

	/**
	 * The data rows of the file (blank lines skipped), or a {@link Problem} about the
	 * file.
	 */
	static List<Row> parse(InputStream input) {
		try (Records records = new Records(open(input))) {
			List<String> first = records.next();
			while (first != null && blank(first)) {
				first = records.next();
			}
			if (first == null) {
				throw Problem.invalid("The file has no clients. Add one client per row: first name, last name, email, "
						+ "phone (optional), tags (optional).");
			}
			Map<Column, Integer> columns = header(first);
			List<Row> rows = new ArrayList<>();
			if (columns == null) {
				columns = positional();
				rows.add(row(records.recordLine, first, columns));
			}
			List<String> fields;
			while ((fields = records.next()) != null) {
				if (blank(fields)) {
					continue;
				}
				if (rows.size() == MAX_ROWS) {
					throw Problem.invalid("The file has more than " + String.format(Locale.ROOT, "%,d", MAX_ROWS)
							+ " rows. Split it into smaller files and import them one after the other.");
				}
				rows.add(row(records.recordLine, fields, columns));
			}
			if (rows.isEmpty()) {
				throw Problem.invalid("The file has a header row but no clients below it.");
			}
			return rows;
		}
		catch (CharacterCodingException ex) {
			throw notUtf8();
		}
		catch (TooLarge ex) {
			throw Problem.invalid("The file is larger than 5 MB. Split it into smaller files.");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Problem notUtf8() {
		return Problem.invalid("The file is not UTF-8 text. In your spreadsheet, save it as \u201cCSV UTF-8\u201d "
				+ "and upload it again.");
	}

	private static BufferedReader open(InputStream input) throws IOException {
		PushbackInputStream in = new PushbackInputStream(new Limited(input, MAX_BYTES), 3);
		byte[] start = new byte[3];
		int read = in.readNBytes(start, 0, 3);
		boolean utf8Bom = read == 3 && (start[0] & 0xff) == 0xef && (start[1] & 0xff) == 0xbb
				&& (start[2] & 0xff) == 0xbf;
		boolean utf16Bom = read >= 2 && (((start[0] & 0xff) == 0xfe && (start[1] & 0xff) == 0xff)
				|| ((start[0] & 0xff) == 0xff && (start[1] & 0xff) == 0xfe));
		if (utf16Bom) {
			throw notUtf8();
		}
		if (!utf8Bom && read > 0) {
			in.unread(start, 0, read);
		}
		return new BufferedReader(new InputStreamReader(in,
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)),
				64 * 1024);
	}

	/** The column positions named by a header row, or null when the row is data. */
	private static @Nullable Map<Column, Integer> header(List<String> fields) {
		Map<Column, Integer> columns = new EnumMap<>(Column.class);
		for (int i = 0; i < fields.size(); i++) {
			Column column = HEADER_NAMES.get(normalize(fields.get(i)));
			if (column != null) {
				columns.putIfAbsent(column, i);
			}
		}
		if (columns.isEmpty()) {
			return null;
		}
		List<String> missing = new ArrayList<>();
		for (Column required : List.of(Column.FIRST_NAME, Column.LAST_NAME, Column.EMAIL)) {
			if (!columns.containsKey(required)) {
				missing.add(required.label);
			}
		}
		if (!missing.isEmpty()) {
			throw Problem.invalid("The header row has no column for " + String.join(", ", missing)
					+ ". Name the columns First name, Last name, Email, Phone (optional) and Tags (optional).");
		}
		return columns;
	}

	private static Map<Column, Integer> positional() {
		Map<Column, Integer> columns = new EnumMap<>(Column.class);
		for (Column column : Column.values()) {
			columns.put(column, column.ordinal());
		}
		return columns;
	}

	private static String normalize(String name) {
		StringBuilder letters = new StringBuilder();
		name.toLowerCase(Locale.ROOT).codePoints().filter(c -> c >= 'a' && c <= 'z').forEach(letters::appendCodePoint);
		return letters.toString();
	}

	private static Row row(int line, List<String> fields, Map<Column, Integer> columns) {
		return new Row(line, cell(fields, columns, Column.FIRST_NAME), cell(fields, columns, Column.LAST_NAME),
				cell(fields, columns, Column.EMAIL), cell(fields, columns, Column.PHONE),
				cell(fields, columns, Column.TAGS));
	}

	private static String cell(List<String> fields, Map<Column, Integer> columns, Column column) {
		Integer index = columns.get(column);
		return index == null || index >= fields.size() ? "" : CsvCells.unguarded(fields.get(index));
	}

	private static boolean blank(List<String> fields) {
		return fields.stream().allMatch(String::isBlank);
	}

	/** Reads one RFC 4180 record at a time. */
	private static final class Records implements AutoCloseable {

		private final BufferedReader reader;

		private int pending = -2;

		private int line = 1;

		/** The line the last record returned started on. */
		int recordLine;

		Records(BufferedReader reader) {
			this.reader = reader;
		}

		@Nullable List<String> next() throws IOException {
			recordLine = line;
			List<String> fields = new ArrayList<>();
			StringBuilder field = new StringBuilder();
			boolean quoted = false;
			boolean any = false;
			int c;
			while ((c = read()) != -1) {
				any = true;
				if (quoted) {
					if (c == '"') {
						int next = read();
						if (next == '"') {
							field.append('"');
						}
						else {
							quoted = false;
							pending = next;
						}
					}
					else {
						if (c == '\n') {
							line++;
						}
						field.append((char) c);
					}
					continue;
				}
				if (c == ',') {
					add(fields, field);
				}
				else if (c == '"' && field.isEmpty()) {
					quoted = true;
				}
				else if (c == '\r' || c == '\n') {
					if (c == '\r') {
						int next = read();
						if (next != '\n') {
							pending = next;
						}
					}
					line++;
					add(fields, field);
					return fields;
				}
				else {
					field.append((char) c);
				}
			}
			if (quoted) {
				throw Problem.invalid("The row starting on line " + recordLine
						+ " has a quote (\") that is never closed. Close it, or remove it.");
			}
			if (!any) {
				return null;
			}
			add(fields, field);
			return fields;
		}

		private void add(List<String> fields, StringBuilder field) {
			if (fields.size() == MAX_COLUMNS) {
				throw Problem.invalid("Line " + recordLine + " has more than " + MAX_COLUMNS + " columns.");
			}
			fields.add(field.toString());
			field.setLength(0);
		}

		private int read() throws IOException {
			if (pending != -2) {
				int c = pending;
				pending = -2;
				return c;
			}
			return reader.read();
		}

		@Override
		public void close() throws IOException {
			reader.close();
		}

	}

	/** Refuses to read past the limit, so a huge upload is never read to its end. */
	private static final class Limited extends FilterInputStream {

		private final long limit;

		private long count;

		Limited(InputStream in, long limit) {
			super(in);
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b != -1) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws TooLarge {
			count += n;
			if (count > limit) {
				throw new TooLarge();
			}
		}

	}

	private static final class TooLarge extends IOException {

		TooLarge() {
			super("over the size limit");
		}

	}

}
