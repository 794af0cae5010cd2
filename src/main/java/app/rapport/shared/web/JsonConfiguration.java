package app.rapport.shared.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.module.blackbird.BlackbirdModule;

/**
 * JSON of the API: Jackson reads record components through generated lambdas instead of
 * reflective calls, which cost a third of the time spent writing a page of clients.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

	@Bean
	BlackbirdModule blackbirdModule() {
		return new BlackbirdModule();
	}

}
