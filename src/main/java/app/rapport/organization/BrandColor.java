package app.rapport.organization;

import java.util.Locale;
import java.util.regex.Pattern;

import app.rapport.shared.FieldProblem;

/**
 * The accent colour of an organization's emails and pages. Buttons carry white text on
 * it, so a colour too light for that is refused rather than giving invited people a
 * button they cannot read (WCAG AA: a contrast of at least 4.5:1).
 */
public final class BrandColor {

	private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");

	static final double MIN_CONTRAST_WITH_WHITE = 4.5;

	private BrandColor() {
	}

	/** The colour as {@code #rrggbb} in lower case, or a problem naming the field. */
	public static String check(String color) {
		String value = color == null ? "" : color.strip();
		if (!HEX.matcher(value).matches()) {
			throw new FieldProblem("brandColor", "Choose a colour as # and six hexadecimal digits, like #1f6f5c.");
		}
		if (contrastWithWhite(value) < MIN_CONTRAST_WITH_WHITE) {
			throw new FieldProblem("brandColor",
					"Choose a darker colour: white button text on it would be hard to read (contrast "
							+ String.format(Locale.ROOT, "%.1f", contrastWithWhite(value))
							+ ":1, at least 4.5:1 needed).");
		}
		return value.toLowerCase(Locale.ROOT);
	}

	/** WCAG 2 contrast ratio between the colour and white. */
	static double contrastWithWhite(String hex) {
		int rgb = Integer.parseInt(hex.substring(1), 16);
		double luminance = 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
		return 1.05 / (luminance + 0.05);
	}

	private static double channel(int value) {
		double c = (value & 0xff) / 255.0;
		return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
	}

}
