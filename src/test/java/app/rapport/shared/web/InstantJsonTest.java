package app.rapport.shared.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API writes an instant exactly as {@link Instant#toString()} does, whatever its
 * year, second and fraction.
 */
class InstantJsonTest {

	final JsonMapper mapper = JsonMapper.builder().addModule(new JsonConfiguration().instantJsonModule()).build();

	final JsonMapper plain = JsonMapper.builder().build();

	@Test
	void seededRandomInstantsAreWrittenAsTheJdkWritesThem() {
		Random random = new Random(20261202);
		char[] text = new char[30];
		for (int i = 0; i < 200_000; i++) {
			long second = random.nextLong(-62_167_219_200L, 253_402_300_800L);
			int nano = switch (random.nextInt(5)) {
				case 0 -> 0;
				case 1 -> random.nextInt(1000) * 1_000_000;
				case 2 -> random.nextInt(1_000_000) * 1_000;
				default -> random.nextInt(1_000_000_000);
			};
			Instant instant = Instant.ofEpochSecond(second, nano);
			int length = InstantJson.format(instant, text);
			assertThat(new String(text, 0, length)).isEqualTo(instant.toString());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "0000-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z",
			"2000-02-29T12:00:00.001Z", "2026-12-02T18:15:41.872845Z", "9999-12-31T23:59:59.999999999Z" })
	void edgesOfTheFourDigitYearsAreWrittenAsTheJdkWritesThem(String written) {
		Instant instant = Instant.parse(written);
		char[] text = new char[30];
		assertThat(new String(text, 0, InstantJson.format(instant, text))).isEqualTo(written);
	}

	@Test
	void instantsBeyondTheFourDigitYearsAreLeftToTheJdk() {
		List<Instant> far = List.of(Instant.MIN, Instant.MAX, Instant.parse("-0001-12-31T23:59:59Z"),
				Instant.parse("+10000-01-01T00:00:00Z"));
		for (Instant instant : far) {
			assertThat(InstantJson.format(instant, new char[30])).isEqualTo(-1);
			assertThat(mapper.writeValueAsString(instant)).isEqualTo('"' + instant.toString() + '"');
		}
	}

	@Test
	void theModuleTakesInstantsFromJacksonsOwnSerializer() {
		assertThat(mapper._serializationContext().findValueSerializer(Instant.class)).isInstanceOf(InstantJson.class);
	}

	@Test
	void theApiMapperWritesInstantsAsJacksonDoesWithoutIt() {
		Map<String, Object> value = Map.of("at", Instant.parse("2026-12-02T18:15:41.872845Z"), "list",
				List.of(Instant.EPOCH, Instant.parse("2026-12-02T18:15:41Z")));
		assertThat(mapper.writeValueAsString(value)).isEqualTo(plain.writeValueAsString(value))
			.contains("\"2026-12-02T18:15:41.872845Z\"");
	}

}
