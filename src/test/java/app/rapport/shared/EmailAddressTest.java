package app.rapport.shared;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailAddressTest {

	@ParameterizedTest
	@ValueSource(strings = { "ana@example.com", "Ana.Coach+clients@Example.CO.uk", " padded@example.org ",
			"o'brien@example.ie" })
	void acceptsAndNormalizesRealAddresses(String raw) {
		EmailAddress email = new EmailAddress(raw);
		assertThat(email.value()).isEqualTo(raw.strip().toLowerCase());
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "plain", "@example.com", "ana@", "ana@localhost", "ana@@example.com",
			"ana@example..com", ".ana@example.com", "ana.@example.com", "ana@exa mple.com",
			"ana@example.com\r\nBcc: x@y.z", "ana\n@example.com", "<script>@example.com", "ana@exam\u200bple.com",
			"ana@\u202eexample.com" })
	void refusesMalformedAddresses(String raw) {
		assertThatThrownBy(() -> new EmailAddress(raw)).isInstanceOf(IllegalArgumentException.class);
	}

	@ParameterizedTest
	@CsvSource({ "ana@bücher.example,ana@xn--bcher-kva.example", "Ana@BÜCHER.de,ana@xn--bcher-kva.de",
			"li@例え.jp,li@xn--r8jz45g.jp", "ana@xn--bcher-kva.example,ana@xn--bcher-kva.example" })
	void internationalizedDomainsAreStoredInTheirAsciiForm(String raw, String stored) {
		assertThat(new EmailAddress(raw).value()).isEqualTo(stored);
		assertThat(new EmailAddress(raw)).isEqualTo(new EmailAddress(stored));
	}

	@ParameterizedTest
	@ValueSource(strings = { "jörg@example.com", "ана@example.com" })
	void aLocalPartMustBeAscii(String raw) {
		assertThatThrownBy(() -> new EmailAddress(raw)).hasMessageContaining("part before the @");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ana@bü\u200bcher.example", "ana@bü\u202echer.example", "ana@bü cher.example",
			"ana@bü\u00adcher.example", "ana@bücher.exämple\u0000" })
	void invisibleCharactersAreRefusedAlsoInInternationalDomains(String raw) {
		String unescaped = raw.translateEscapes();
		assertThatThrownBy(() -> new EmailAddress(unescaped)).isInstanceOf(IllegalArgumentException.class);
	}

	@ParameterizedTest
	@ValueSource(ints = { 255, 300, 10_000 })
	void refusesOverlongAddresses(int length) {
		String raw = "a".repeat(length - "@example.com".length()) + "@example.com";
		assertThatThrownBy(() -> new EmailAddress(raw)).hasMessageContaining("at most 254");
	}

	static Stream<String> randomInputs() {
		Random random = new Random(20261123);
		String alphabet = "abcAB09.@-_+'\"<>\r\n\t \u0000\u200b\u202e\u00e9\u4e2d;,:()[]\\";
		return IntStream.range(0, 3000).mapToObj(i -> {
			StringBuilder value = new StringBuilder();
			int length = random.nextInt(40);
			for (int c = 0; c < length; c++) {
				value.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			return value.toString();
		});
	}

	@ParameterizedTest
	@MethodSource("randomInputs")
	void anyInputIsEitherAValidNormalizedAddressOrAClearError(String raw) {
		try {
			EmailAddress email = new EmailAddress(raw);
			assertThat(email.value()).doesNotContainAnyWhitespaces()
				.doesNotContain("\r", "\n", "<", ">", "\u0000")
				.isEqualTo(email.value().toLowerCase())
				.contains("@")
				.matches("\\p{ASCII}+");
		}
		catch (IllegalArgumentException ex) {
			assertThat(ex.getMessage()).isNotBlank();
		}
	}

}
