package app.rapport.shared.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

/**
 * A Mustache template for the repeated rows of a hot page, rendered to HTML that the
 * page's Thymeleaf template writes unescaped ({@code th:utext}). Thymeleaf runs every
 * element of a page through its processor chain: fifty rows of the Clients page were
 * about half of the page's CPU. A compiled Mustache template only appends text and
 * values, and every {@code {{value}}} is HTML-escaped (quotes too, so values may stand in
 * attributes). Mustache has no logic: the rows are worked out in Java first. A name the
 * template uses that the row lacks fails the render instead of writing nothing; a null
 * value writes nothing and a null section is skipped.
 */
public final class HtmlFragment {

	private static final Mustache.Compiler COMPILER = Mustache.compiler().escapeHTML(true).nullValue("");

	private final Template template;

	private HtmlFragment(Template template) {
		this.template = template;
	}

	/**
	 * Compiles the template at this classpath location, e.g.
	 * {@code templates/client/rows.mustache}.
	 */
	public static HtmlFragment load(String classpathLocation) {
		try (InputStream in = HtmlFragment.class.getClassLoader().getResourceAsStream(classpathLocation)) {
			if (in == null) {
				throw new IllegalStateException("No template at " + classpathLocation);
			}
			return new HtmlFragment(COMPILER.compile(new InputStreamReader(in, StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The template rendered with this context's accessors (records' components work). */
	public String render(Object context) {
		return template.execute(context);
	}

}
