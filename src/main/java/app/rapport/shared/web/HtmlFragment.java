package app.rapport.shared.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import org.jspecify.annotations.Nullable;

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

	private static final Mustache.Compiler COMPILER = Mustache.compiler()
		.withEscaper(HtmlFragment::escape)
		.nullValue("");

	private final Template template;

	/**
	 * The length of the last render, as the next one's starting capacity: growing the
	 * buffer and copying it was a tenth of a render.
	 */
	private volatile int lastLength = 1024;

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
		Output out = new Output(lastLength + lastLength / 8);
		template.execute(context, out);
		lastLength = out.text.length();
		return out.text.toString();
	}

	/**
	 * The characters Mustache's own HTML escaper replaces, replaced in one pass: its
	 * chain of seven {@code String.replace} calls was about a third of a render. A value
	 * without any of them is returned as it is.
	 */
	static String escape(String raw) {
		int length = raw.length();
		int first = 0;
		while (first < length && replacement(raw.charAt(first)) == null) {
			first++;
		}
		if (first == length) {
			return raw;
		}
		StringBuilder escaped = new StringBuilder(length + 16).append(raw, 0, first);
		for (int i = first; i < length; i++) {
			char c = raw.charAt(i);
			String replacement = replacement(c);
			if (replacement == null) {
				escaped.append(c);
			}
			else {
				escaped.append(replacement);
			}
		}
		return escaped.toString();
	}

	private static @Nullable String replacement(char c) {
		return switch (c) {
			case '&' -> "&amp;";
			case '\'' -> "&#39;";
			case '"' -> "&quot;";
			case '<' -> "&lt;";
			case '>' -> "&gt;";
			case '`' -> "&#x60;";
			case '=' -> "&#x3D;";
			default -> null;
		};
	}

	/**
	 * A writer into a {@link StringBuilder}: {@code StringWriter} appends to a
	 * synchronized {@code StringBuffer}, and a render only runs on one thread.
	 */
	private static final class Output extends Writer {

		private final StringBuilder text;

		Output(int capacity) {
			this.text = new StringBuilder(capacity);
		}

		@Override
		public void write(char[] chars, int offset, int length) {
			text.append(chars, offset, length);
		}

		@Override
		public void write(String string, int offset, int length) {
			text.append(string, offset, offset + length);
		}

		@Override
		public Writer append(CharSequence chars) {
			text.append(chars);
			return this;
		}

		@Override
		public void write(int c) {
			text.append((char) c);
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

	}

}
