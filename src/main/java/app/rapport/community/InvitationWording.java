package app.rapport.community;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.rapport.shared.FieldProblem;
import app.rapport.shared.PlainText;
import org.jspecify.annotations.Nullable;

/**
 * The wording of a community's invitation email, as its owner writes it: a subject and a
 * body with placeholders ({@code {name}}, {@code {inviter}}, {@code {community}},
 * {@code {program}}) that {@link #render} fills in for each invitation.
 * <p>
 * The rules, each refused with a {@link FieldProblem} on the field {@code "subject"} or
 * {@code "body"} whose message can be shown next to that field:
 * <ul>
 * <li>Both are stripped and must not be blank. Their length is counted in code points
 * (what a person counts as characters, an emoji being one), after line endings are
 * normalized: at most {@value #MAX_SUBJECT} for the subject and {@value #MAX_BODY} for
 * the body.</li>
 * <li>The subject is one line: no line break, tab or other control character.</li>
 * <li>In the body, CRLF, CR and U+2028 become LF, U+2029 a blank line, and a tab a space.
 * Paragraphs are separated by blank lines; there are at most {@value #MAX_PARAGRAPHS},
 * which is more than any invitation needs and keeps a pasted document out.</li>
 * <li>Neither may hold any other control character, an invisible formatting character
 * (zero-width space or joiner, soft hyphen, byte order mark, the direction overrides and
 * isolates U+202A–U+202E and U+2066–U+2069, which can make text read differently from
 * what it is), a private-use or unassigned character, or half of a surrogate pair. These
 * are the characters {@code PlainText} refuses in a line of typed text, less the line
 * breaks the body needs.</li>
 * <li>Anything shaped like a placeholder ({@code {} and up to 40 characters without
 * braces or whitespace, then {@code }}) must be one of {@link #PLACEHOLDERS}, exactly:
 * placeholders are case-sensitive, so a mistyped {@code {Name}} is an error rather than
 * text sent as is to every invitee. Other braces are literal text.</li>
 * </ul>
 * The text is plain text: markup such as {@code <b>} is kept as written and escaped where
 * the email is written, like any other text.
 */
public record InvitationWording(String subject, String body) {

	/** The most characters (code points) of a subject template. */
	public static final int MAX_SUBJECT = 150;

	/** The most characters (code points) of a body template. */
	public static final int MAX_BODY = 4000;

	/** The most paragraphs of a body. */
	public static final int MAX_PARAGRAPHS = 50;

	/**
	 * The most characters (code points) of a rendered subject, before the "…" that marks
	 * a cut: long names could otherwise make it run on.
	 */
	public static final int MAX_RENDERED_SUBJECT = 200;

	/** The placeholders a template may use, in the order the messages list them. */
	public static final List<String> PLACEHOLDERS = List.of("{name}", "{inviter}", "{community}", "{program}");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^{}\\s]{1,40}\\}");

	private static final int SHOWN_PLACEHOLDER = 24;

	private static final String USE = "Use " + String.join(", ", PLACEHOLDERS.subList(0, PLACEHOLDERS.size() - 1))
			+ " or " + PLACEHOLDERS.getLast() + ".";

	public InvitationWording {
		subject = checkedSubject(subject);
		body = checkedBody(body);
	}

	/**
	 * The wording a community starts with.
	 */
	public static InvitationWording defaults() {
		return new InvitationWording("{inviter} invited you to join {community}", """
				Hello {name},
				{inviter} has invited you to join {community} and its program {program}: a place to \
				learn, share and grow together, and we would love to have you there.

				Accept the invitation below to create your account; it takes a minute. If you were \
				not expecting this email, you can simply ignore it.""");
	}

	/**
	 * The subject and paragraphs of one invitation. Placeholders are replaced in one
	 * pass, so a value that itself reads {@code {name}} stays as it is. Values are typed
	 * by people and trusted no further than the templates: their control and formatting
	 * characters (line breaks among them) become spaces, so a value can neither break the
	 * subject into header lines nor start a paragraph. In the subject and in each
	 * paragraph, runs of whitespace become one space; a subject longer than
	 * {@value #MAX_RENDERED_SUBJECT} characters is cut, on a character boundary, and ends
	 * with "…". Paragraphs left empty are dropped. A {@code null} value reads as empty.
	 * The result is plain text, not escaped: the email template escapes it.
	 */
	public Rendered render(@Nullable String name, @Nullable String inviter, @Nullable String community,
			@Nullable String program) {
		Map<String, String> values = Map.of("{name}", cleaned(name), "{inviter}", cleaned(inviter), "{community}",
				cleaned(community), "{program}", cleaned(program));
		String renderedSubject = capped(collapsed(filled(this.subject, values)));
		List<String> paragraphs = new ArrayList<>();
		for (String paragraph : paragraphs(this.body)) {
			String rendered = collapsed(filled(paragraph, values));
			if (!rendered.isEmpty()) {
				paragraphs.add(rendered);
			}
		}
		return new Rendered(renderedSubject, paragraphs);
	}

	/**
	 * One invitation's wording: a one-line subject and paragraphs of one line each, plain
	 * text.
	 */
	public record Rendered(String subject, List<String> paragraphs) {

		public Rendered {
			paragraphs = List.copyOf(paragraphs);
		}

	}

	private static String checkedSubject(@Nullable String subject) {
		if (subject == null || blank(subject)) {
			throw new FieldProblem("subject", "Write a subject.");
		}
		String stripped = subject.replace("\r\n", "\n").strip();
		checkLength("subject", stripped, MAX_SUBJECT);
		int position = 0;
		for (int i = 0; i < stripped.length();) {
			int codePoint = stripped.codePointAt(i);
			position++;
			if (lineBreak(codePoint)) {
				throw new FieldProblem("subject", "The subject must be one line.");
			}
			if (codePoint == '\t') {
				throw new FieldProblem("subject", "The subject cannot contain tabs.");
			}
			checkCharacter("subject", codePoint, "at character " + position);
			i += Character.charCount(codePoint);
		}
		checkPlaceholders("subject", stripped);
		return stripped;
	}

	private static String checkedBody(@Nullable String body) {
		if (body == null || blank(body)) {
			throw new FieldProblem("body", "Write the email text.");
		}
		String normalized = body.replace("\r\n", "\n")
			.replace('\r', '\n')
			.replace('\u2028', '\n')
			.replace("\u2029", "\n\n")
			.replace('\t', ' ')
			.strip();
		checkLength("body", normalized, MAX_BODY);
		int line = 1;
		for (int i = 0; i < normalized.length();) {
			int codePoint = normalized.codePointAt(i);
			if (codePoint == '\n') {
				line++;
			}
			else {
				checkCharacter("body", codePoint, "on line " + line);
			}
			i += Character.charCount(codePoint);
		}
		int paragraphs = paragraphs(normalized).size();
		if (paragraphs > MAX_PARAGRAPHS) {
			throw new FieldProblem("body",
					"The email text can have at most " + MAX_PARAGRAPHS + " paragraphs (it has " + paragraphs + ").");
		}
		checkPlaceholders("body", normalized);
		return normalized;
	}

	private static void checkLength(String field, String text, int max) {
		int length = text.codePointCount(0, text.length());
		if (length > max) {
			String what = field.equals("subject") ? "The subject" : "The email text";
			throw new FieldProblem(field, what + " can be at most " + max + " characters (it has " + length + ").");
		}
	}

	private static boolean lineBreak(int codePoint) {
		return codePoint == '\n' || codePoint == '\r' || codePoint == '\u000B' || codePoint == '\u000C'
				|| codePoint == '\u0085' || codePoint == '\u2028' || codePoint == '\u2029';
	}

	/**
	 * Refuses the characters that have no place in typed text (see the class comment),
	 * naming the character and where it is, since most of them cannot be seen.
	 */
	private static void checkCharacter(String field, int codePoint, String where) {
		String kind = switch (Character.getType(codePoint)) {
			case Character.CONTROL -> "an invisible control character";
			case Character.FORMAT -> "an invisible formatting character";
			case Character.SURROGATE -> "a broken character";
			case Character.PRIVATE_USE, Character.UNASSIGNED -> "a character that cannot be shown reliably";
			case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> "a line break character";
			default -> null;
		};
		if (kind != null) {
			String what = field.equals("subject") ? "The subject" : "The email text";
			throw new FieldProblem(field, what + " contains " + kind + " (" + describe(codePoint) + ") " + where
					+ ". Delete it, for example by retyping the words around it.");
		}
	}

	private static String describe(int codePoint) {
		String code = String.format(Locale.ROOT, "U+%04X", codePoint);
		String name = (Character.getType(codePoint) != Character.SURROGATE) ? Character.getName(codePoint) : null;
		return (name != null) ? code + " " + name : code;
	}

	private static void checkPlaceholders(String field, String template) {
		Matcher matcher = PLACEHOLDER.matcher(template);
		while (matcher.find()) {
			String placeholder = matcher.group();
			if (!PLACEHOLDERS.contains(placeholder)) {
				String lowerCase = placeholder.toLowerCase(Locale.ROOT);
				String shown = shortened(placeholder);
				throw new FieldProblem(field,
						PLACEHOLDERS.contains(lowerCase) ? shown
								+ " is not a placeholder: placeholders are written in lower case, " + lowerCase + "."
								: shown + " is not a placeholder. " + USE);
			}
		}
	}

	private static String shortened(String placeholder) {
		if (placeholder.codePointCount(0, placeholder.length()) <= SHOWN_PLACEHOLDER) {
			return placeholder;
		}
		return placeholder.substring(0, placeholder.offsetByCodePoints(0, SHOWN_PLACEHOLDER - 2)) + "…}";
	}

	/**
	 * The paragraphs of a normalized body: runs of lines separated by one or more blank
	 * lines, each paragraph's lines joined by a space.
	 */
	private static List<String> paragraphs(String body) {
		List<String> paragraphs = new ArrayList<>();
		StringBuilder paragraph = new StringBuilder();
		for (String line : body.split("\n", -1)) {
			if (blank(line)) {
				if (!paragraph.isEmpty()) {
					paragraphs.add(paragraph.toString());
					paragraph.setLength(0);
				}
			}
			else {
				if (!paragraph.isEmpty()) {
					paragraph.append(' ');
				}
				paragraph.append(line);
			}
		}
		if (!paragraph.isEmpty()) {
			paragraphs.add(paragraph.toString());
		}
		return paragraphs;
	}

	/**
	 * Every placeholder replaced by its value in one pass over the template, so that
	 * values are never read as templates.
	 */
	private static String filled(String template, Map<String, String> values) {
		return PLACEHOLDER.matcher(template)
			.replaceAll((match) -> Matcher.quoteReplacement(values.getOrDefault(match.group(), match.group())));
	}

	/**
	 * A value with every character a template may not hold (line breaks included) turned
	 * into a space.
	 */
	private static String cleaned(@Nullable String value) {
		if (value == null) {
			return "";
		}
		StringBuilder cleaned = new StringBuilder(value.length());
		value.codePoints().forEach((codePoint) -> {
			if (PlainText.unfit(codePoint)) {
				cleaned.append(' ');
			}
			else {
				cleaned.appendCodePoint(codePoint);
			}
		});
		return cleaned.toString();
	}

	/**
	 * The text with no whitespace at either end and each run of whitespace inside it made
	 * one space; a single no-break space (as French puts before "!") is kept as it is.
	 */
	private static String collapsed(String text) {
		StringBuilder collapsed = new StringBuilder(text.length());
		int run = 0;
		int spaceInRun = ' ';
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			if (space(codePoint)) {
				run++;
				spaceInRun = codePoint;
			}
			else {
				if (run > 0 && !collapsed.isEmpty()) {
					collapsed.appendCodePoint((run == 1 && !Character.isWhitespace(spaceInRun)) ? spaceInRun : ' ');
				}
				run = 0;
				collapsed.appendCodePoint(codePoint);
			}
			i += Character.charCount(codePoint);
		}
		return collapsed.toString();
	}

	/**
	 * Whitespace, counting the no-break spaces that {@link Character#isWhitespace} leaves
	 * out.
	 */
	private static boolean space(int codePoint) {
		return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
	}

	private static boolean blank(String line) {
		return line.codePoints().allMatch(InvitationWording::space);
	}

	/**
	 * The subject cut to {@value #MAX_RENDERED_SUBJECT} characters, at the last boundary
	 * between what a reader sees as characters (so that a flag or an accented letter is
	 * not split), with "…" after it.
	 */
	private static String capped(String subject) {
		if (subject.codePointCount(0, subject.length()) <= MAX_RENDERED_SUBJECT) {
			return subject;
		}
		int limit = subject.offsetByCodePoints(0, MAX_RENDERED_SUBJECT);
		BreakIterator characters = BreakIterator.getCharacterInstance(Locale.ROOT);
		characters.setText(subject);
		int cut = characters.isBoundary(limit) ? limit : characters.preceding(limit);
		if (cut <= 0) {
			cut = limit;
		}
		return subject.substring(0, cut).stripTrailing() + "…";
	}

}
