package app.rapport.shared.web;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The application's JSON mapper is the one the API pages were measured with. */
@SpringBootTest
class ApiJsonTests {

	@Autowired
	JsonMapper mapper;

	@Test
	void instantsAreWrittenDigitByDigitAndRecordsThroughGeneratedAccessors() {
		assertThat(mapper._serializationContext().findValueSerializer(Instant.class)).isInstanceOf(InstantJson.class);
		assertThat(mapper.registeredModules()).anyMatch(module -> module.getModuleName().contains("Blackbird"));
		assertThat(mapper.writeValueAsString(Instant.parse("2026-12-02T18:15:41.872845Z")))
			.isEqualTo("\"2026-12-02T18:15:41.872845Z\"");
	}

}
