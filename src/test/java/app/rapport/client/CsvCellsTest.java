package app.rapport.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellsTest {

	static Stream<Arguments> examples() {
		return Stream.of(
				Arguments.of("=HYPERLINK(\"http://evil.example\";\"Click\")",
						"\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"Click\"\")\""),
				Arguments.of("=1+2", "'=1+2"), Arguments.of("+44 20 7946 0000", "'+44 20 7946 0000"),
				Arguments.of("-2+3", "'-2+3"), Arguments.of("@SUM(A1:A9)", "'@SUM(A1:A9)"), Arguments.of("\tx", "'\tx"),
				Arguments.of("Ana Lopez", "Ana Lopez"), Arguments.of("Lopez, Ana", "\"Lopez, Ana\""),
				Arguments.of("say \"hi\"", "\"say \"\"hi\"\"\""), Arguments.of("a;b", "\"a;b\""),
				Arguments.of("two\nlines", "\"two\nlines\""), Arguments.of("", ""));
	}

	@ParameterizedTest
	@MethodSource("examples")
	void formulasGetAnApostropheAndSeparatorsAreQuoted(String value, String cell) {
		assertThat(CsvCells.cell(value)).isEqualTo(cell);
	}

	static Stream<Long> seeds() {
		return IntStream.range(0, 3_000).mapToObj(i -> 5_000L + i);
	}

	/**
	 * Any text, however odd, becomes one cell that a CSV reader turns back into the same
	 * text (with the apostrophe where a spreadsheet would have seen a formula), and no
	 * cell reaches a spreadsheet starting like a formula.
	 */
	@ParameterizedTest
	@MethodSource("seeds")
	void anyTextIsOneSafeCell(long seed) {
		Random random = new Random(seed);
		String alphabet = "=+-@\t\r\n,;\"' aZ9é\u202e\u200b💬";
		StringBuilder value = new StringBuilder();
		int length = 1 + random.nextInt(12);
		for (int i = 0; i < length; i++) {
			value.appendCodePoint(
					alphabet.codePoints().toArray()[random.nextInt(alphabet.codePointCount(0, alphabet.length()))]);
		}
		String text = value.toString();

		String cell = CsvCells.cell(text);
		List<String> read = readRow(cell + ",next");

		assertThat(read).hasSize(2);
		String expected = "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
		assertThat(read.getFirst()).isEqualTo(expected);
		assertThat("=+-@\t\r").doesNotContain(read.getFirst().substring(0, 1));
	}

	/** A strict RFC 4180 reader of one row. */
	static List<String> readRow(String row) {
		List<String> cells = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < row.length(); i++) {
			char c = row.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < row.length() && row.charAt(i + 1) == '"') {
					cell.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					cell.append(c);
				}
			}
			else if (c == '"' && cell.isEmpty()) {
				quoted = true;
			}
			else if (c == ',') {
				cells.add(cell.toString());
				cell.setLength(0);
			}
			else {
				assertThat(c).as("an unquoted cell holds no quote or line break").isNotIn('"', '\r', '\n');
				cell.append(c);
			}
		}
		assertThat(quoted).as("every quote is closed").isFalse();
		cells.add(cell.toString());
		return cells;
	}

}
