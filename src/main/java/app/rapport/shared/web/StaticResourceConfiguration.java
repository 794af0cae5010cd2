package app.rapport.shared.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Static files keep plain URLs (no content hashes), so the links of a page need no
 * rewriting. Spring Boot turns the resource chain on for the WebJars locator
 * (version-less {@code /webjars/} URLs) and with it a filter that tries every link of
 * every page as a static file: a class-path lookup per link, which was most of the CPU
 * time of a Clients page with 50 rows. This registration stands in for that filter,
 * switched off.
 */
@Configuration(proxyBeanMethods = false)
class StaticResourceConfiguration {

	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilterOff() {
		FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(
				new ResourceUrlEncodingFilter());
		registration.setEnabled(false);
		return registration;
	}

}
