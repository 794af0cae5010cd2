package app.rapport.client;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import app.rapport.shared.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class ClientCsvTest {

	static List<ClientCsv.Row> parse(String csv) {
		return ClientCsv.parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
	}

	static List<ClientCsv.Row> parse(byte[] csv) {
		return ClientCsv.parse(new ByteArrayInputStream(csv));
	}

	@Test
	void readsRowsWithoutAHeaderInTheDocumentedOrder() {
		List<ClientCsv.Row> rows = parse("Ana,Lopez,ana@example.com,+44 1,a;b\nBen,Ode,ben@example.com\n");

		assertThat(rows).containsExactly(new ClientCsv.Row(1, "Ana", "Lopez", "ana@example.com", "+44 1", "a;b"),
				new ClientCsv.Row(2, "Ben", "Ode", "ben@example.com", "", ""));
	}

	@ParameterizedTest
	@ValueSource(strings = { "First name,Last name,Email,Phone,Tags", "first_name,last_name,email,phone,tags",
			"FIRSTNAME,LASTNAME,E-mail,Telephone,Tag", "Given name,Surname,Email address,Mobile,Labels" })
	void acceptsCommonSpellingsOfTheHeader(String header) {
		assertThat(parse(header + "\nAna,Lopez,ana@example.com,123,x\n"))
			.containsExactly(new ClientCsv.Row(2, "Ana", "Lopez", "ana@example.com", "123", "x"));
	}

	@Test
	void takesHeaderColumnsInAnyOrderAndIgnoresUnknownOnes() {
		assertThat(parse("Email address,Notes,Tags,last_name,First Name\nana@example.com,hello,vip,Lopez,Ana\n"))
			.containsExactly(new ClientCsv.Row(2, "Ana", "Lopez", "ana@example.com", "", "vip"));
	}

	@Test
	void aHeaderWithoutARequiredColumnIsRefused() {
		assertThatThrownBy(() -> parse("First name,Phone\nAna,123\n")).isInstanceOf(Problem.class)
			.hasMessageContaining("no column for Last name, Email");
	}

	@Test
	void quotedFieldsKeepCommasQuotesAndLineBreaks() {
		List<ClientCsv.Row> rows = parse(
				"\"Chen, Jr.\",\"O\"\"Neil\",chen@example.com,,\"a\nb\"\r\nDan,Day,dan@example.com\r\n");

		assertThat(rows).containsExactly(new ClientCsv.Row(1, "Chen, Jr.", "O\"Neil", "chen@example.com", "", "a\nb"),
				new ClientCsv.Row(3, "Dan", "Day", "dan@example.com", "", ""));
	}

	@Test
	void acceptsCrLfLfAndCrLineEndsAndSkipsBlankLines() {
		assertThat(parse("A,B,a@example.com\r\n\r\nC,D,c@example.com\rE,F,e@example.com\n,,\n"))
			.extracting(ClientCsv.Row::firstName)
			.containsExactly("A", "C", "E");
	}

	@Test
	void missingColumnsAreEmptyCellsLeftForValidation() {
		assertThat(parse("Ana\n")).containsExactly(new ClientCsv.Row(1, "Ana", "", "", "", ""));
	}

	@Test
	void skipsAUtf8ByteOrderMark() {
		byte[] body = "First name,Last name,Email\nZoë,Ünal,zoe@example.com\n".getBytes(StandardCharsets.UTF_8);
		byte[] withBom = new byte[body.length + 3];
		withBom[0] = (byte) 0xef;
		withBom[1] = (byte) 0xbb;
		withBom[2] = (byte) 0xbf;
		System.arraycopy(body, 0, withBom, 3, body.length);

		assertThat(parse(withBom)).containsExactly(new ClientCsv.Row(2, "Zoë", "Ünal", "zoe@example.com", "", ""));
	}

	@Test
	void latin1AndUtf16FilesAreRefusedAsNotUtf8() {
		byte[] latin1 = "Zoë,Ünal,zoe@example.com\n".getBytes(StandardCharsets.ISO_8859_1);
		byte[] utf16 = "Ana,Lopez,ana@example.com\n".getBytes(StandardCharsets.UTF_16);

		assertThatThrownBy(() -> parse(latin1)).isInstanceOf(Problem.class).hasMessageContaining("not UTF-8");
		assertThatThrownBy(() -> parse(utf16)).isInstanceOf(Problem.class).hasMessageContaining("not UTF-8");
	}

	@Test
	void aQuoteNeverClosedIsRefusedWithItsLine() {
		assertThatThrownBy(() -> parse("A,B,a@example.com\n\"Ana,Lopez,ana@example.com\n")).isInstanceOf(Problem.class)
			.hasMessageContaining("line 2")
			.hasMessageContaining("never closed");
	}

	@Test
	void anEmptyFileOrAHeaderAloneIsRefused() {
		assertThatThrownBy(() -> parse("")).isInstanceOf(Problem.class).hasMessageContaining("no clients");
		assertThatThrownBy(() -> parse("First name,Last name,Email\n")).isInstanceOf(Problem.class)
			.hasMessageContaining("no clients");
	}

	@Test
	void tenThousandRowsAreReadAndOneMoreIsRefused() {
		StringBuilder csv = new StringBuilder("First name,Last name,Email\n");
		IntStream.range(0, ClientCsv.MAX_ROWS).forEach(i -> csv.append("A,B,a").append(i).append("@example.com\n"));

		assertThat(parse(csv.toString())).hasSize(ClientCsv.MAX_ROWS);
		assertThatThrownBy(() -> parse(csv + "C,D,c@example.com\n")).isInstanceOf(Problem.class)
			.hasMessageContaining("more than 10,000 rows");
	}

	@Test
	void aFileOverFiveMegabytesIsRefused() {
		byte[] big = new byte[(int) ClientCsv.MAX_BYTES + 1];
		java.util.Arrays.fill(big, (byte) 'a');

		assertThatThrownBy(() -> parse(big)).isInstanceOf(Problem.class).hasMessageContaining("larger than 5 MB");
	}

	static Stream<Long> seeds() {
		return LongStream.range(0, 3_000).boxed();
	}

	@ParameterizedTest
	@MethodSource("seeds")
	void anyInputGivesRowsOrAClearProblemAndNothingElse(long seed) {
		Random random = new Random(seed);
		byte[] input = random.nextInt(4) == 0 ? randomBytes(random) : randomCsv(random);

		Throwable thrown = catchThrowable(() -> parse(input));

		if (thrown != null) {
			assertThat(thrown).isInstanceOf(Problem.class);
			assertThat(((Problem) thrown).status()).isEqualTo(400);
		}
	}

	private static byte[] randomBytes(Random random) {
		byte[] bytes = new byte[random.nextInt(300)];
		random.nextBytes(bytes);
		return bytes;
	}

	/** Text made of the characters that matter to a CSV reader. */
	private static byte[] randomCsv(Random random) {
		String alphabet = ",\"\r\n ;|aZ@.é\u0000\u202e<>\ufeff";
		StringBuilder csv = new StringBuilder();
		if (random.nextBoolean()) {
			csv.append("First name,Last name,Email,Phone,Tags\n");
		}
		int length = random.nextInt(400);
		for (int i = 0; i < length; i++) {
			csv.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return csv.toString().getBytes(StandardCharsets.UTF_8);
	}

}
