package app.rapport.client;

import org.jspecify.annotations.Nullable;

/**
 * Cells of the CSV files Rapport writes (RFC 4180), made safe to open in a spreadsheet. A
 * value that a spreadsheet would read as a formula (it starts with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return) gets a leading apostrophe, as OWASP
 * recommends: a client named {@code =HYPERLINK(…)} must not become a live link or a
 * command on the provider's computer. The apostrophe also shows on a phone number such as
 * {@code +44 20…}; that is the price every export of this kind pays.
 */
final class CsvCells {

	private CsvCells() {
	}

	static String cell(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		String safe = startsLikeAFormula(value) ? "'" + value : value;
		if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0
				&& safe.indexOf(';') < 0) {
			return safe;
		}
		return '"' + safe.replace("\"", "\"\"") + '"';
	}

	/**
	 * The value behind a cell {@link #cell} guarded, so that a file exported from Rapport
	 * (or from a spreadsheet that guards the same way) imports with {@code +44 20…} and
	 * not {@code '+44 20…}.
	 */
	static String unguarded(String value) {
		return value.length() > 1 && value.charAt(0) == '\'' && startsLikeAFormula(value.substring(1))
				? value.substring(1) : value;
	}

	private static boolean startsLikeAFormula(String value) {
		char first = value.charAt(0);
		return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
	}

}
