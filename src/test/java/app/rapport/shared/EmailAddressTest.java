package app.rapport.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
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

	/**
	 * The shape {@link EmailAddress#shaped(String)} writes out, as a regular expression.
	 */
	static final Pattern SHAPE = Pattern
		.compile("[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

	/**
	 * The written-out shape check agrees with the regular expression on edge cases and on
	 * 200,000 seeded random strings built from the characters that matter (letters,
	 * digits, dots, hyphens, @, symbols, upper case, non-ASCII) and around the lengths
	 * that matter (64 before the @, 63 per label).
	 */
	@Test
	void theWrittenOutShapeAgreesWithTheRegularExpression() {
		List<String> cases = new ArrayList<>(List.of("a@b.co", "a@b.c", "a@b-.co", "a@-b.co", "a@b--c.co", "a@b.c0",
				"a@.co", "@b.co", "a@b..co", "a@b.co.", "a@@b.co", "a@b_c.co", "a@b.co-m", "a@1.co", "a@b.c-o",
				"x".repeat(64) + "@b.co", "x".repeat(65) + "@b.co", "a@" + "b".repeat(63) + ".co",
				"a@" + "b".repeat(64) + ".co", "a@b." + "c".repeat(63), "a@b." + "c".repeat(64), "a@b.co\n", "A@b.co",
				"a@B.co", "ä@b.co", "a b@c.co", "a@b.co@d.ef", "a.@b.co", "\u0000@b.co"));
		Random random = new Random(20261202);
		String alphabet = "abz09.-@_+'!~{}A\u00e4 .-.-@";
		for (int n = 0; n < 200_000; n++) {
			StringBuilder s = new StringBuilder();
			if (random.nextInt(4) == 0) {
				s.append("x".repeat(60 + random.nextInt(8)));
			}
			int length = 1 + random.nextInt(16);
			for (int i = 0; i < length; i++) {
				s.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			if (random.nextInt(3) == 0) {
				s.append(random.nextBoolean() ? "@" : ".").append("b".repeat(random.nextInt(66)));
			}
			if (random.nextBoolean()) {
				s.append(random.nextBoolean() ? ".co" : ".c");
			}
			cases.add(s.toString());
		}
		long accepted = 0;
		for (String candidate : cases) {
			boolean expected = SHAPE.matcher(candidate).matches();
			assertThat(EmailAddress.shaped(candidate)).as(candidate).isEqualTo(expected);
			accepted += expected ? 1 : 0;
		}
		assertThat(accepted).as("the random strings include valid shapes").isGreaterThan(1_000);
	}

}
