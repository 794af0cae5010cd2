package app.rapport.notification;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How an email looks: the sending organization's name, logo and accent colour.
 *
 * @param name shown in the header and signature
 * @param logoUrl absolute URL of the logo, or null for a text header
 * @param color accent colour as {@code #rrggbb}
 */
public record Branding(String name, @Nullable String logoUrl, String color) {

	private static final Pattern COLOR = Pattern.compile("^#[0-9a-fA-F]{6}$");

	public static final String DEFAULT_COLOR = "#1f6f5c";

	public Branding {
		if (name == null || name.isBlank()) {
			name = "Rapport";
		}
		if (color == null || !COLOR.matcher(color).matches()) {
			color = DEFAULT_COLOR;
		}
	}

	/** The platform's own branding, for emails that belong to no organization. */
	public static Branding rapport() {
		return new Branding("Rapport", null, DEFAULT_COLOR);
	}

}
