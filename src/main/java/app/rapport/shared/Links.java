package app.rapport.shared;

import java.net.URI;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Builds absolute links for emails from the configured public base URL
 * ({@code rapport.base-url}).
 */
@Component
public class Links {

	private final String baseUrl;

	Links(@Value("${rapport.base-url}") String baseUrl) {
		URI uri = URI.create(baseUrl);
		if (uri.getScheme() == null || uri.getHost() == null) {
			throw new IllegalStateException("rapport.base-url must be an absolute URL, got " + baseUrl);
		}
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	/** The absolute URL of an application path such as {@code /verify-email?token=…}. */
	public String to(String path) {
		if (!path.startsWith("/")) {
			throw new IllegalArgumentException("paths start with /");
		}
		return baseUrl + path;
	}

}
