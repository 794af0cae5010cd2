package app.rapport.shared.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import java.time.Instant;

import tools.jackson.databind.module.SimpleModule;
import tools.jackson.module.blackbird.BlackbirdModule;

/**
 * JSON of the API: Jackson reads record components through generated lambdas instead of
 * reflective calls, which cost a third of the time spent writing a page of clients; and
 * it writes instants digit by digit ({@link InstantJson}).
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

	@Bean
	BlackbirdModule blackbirdModule() {
		return new BlackbirdModule();
	}

	@Bean
	SimpleModule instantJsonModule() {
		return new SimpleModule("instants").addSerializer(Instant.class, new InstantJson());
	}

}
