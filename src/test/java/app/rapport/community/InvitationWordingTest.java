package app.rapport.community;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import app.rapport.community.InvitationWording.Rendered;
import app.rapport.shared.FieldProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

class InvitationWordingTest {

	private static final String SUBJECT = "{inviter} invited you to join {community}";

	private static final String BODY = "Hello {name},\n\nWelcome to {program}.";

	@Test
	void theDefaultsAreValidAndRenderWithAllFourValues() {
		InvitationWording defaults = InvitationWording.defaults();

		assertThat(new InvitationWording(defaults.subject(), defaults.body())).isEqualTo(defaults);
		assertThat(defaults.subject()).isEqualTo("{inviter} invited you to join {community}");
		assertThat(defaults.body()).contains(InvitationWording.PLACEHOLDERS);

		Rendered rendered = defaults.render("Ana Silva", "Ben Coach", "Bright Path", "New Members");
		assertThat(rendered.subject()).isEqualTo("Ben Coach invited you to join Bright Path");
		assertThat(rendered.paragraphs()).hasSize(2);
		assertThat(rendered.paragraphs().getFirst()).startsWith("Hello Ana Silva, Ben Coach has invited you")
			.contains("Bright Path", "New Members");
		assertThat(String.join(" ", rendered.paragraphs())).doesNotContain("{", "}", "\n");
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "   ", " \t\r\n ", "\u00a0" })
	void aBlankSubjectOrBodyIsRefused(String blank) {
		assertProblem(() -> new InvitationWording(blank, BODY), "subject", "Write a subject.");
		assertProblem(() -> new InvitationWording(SUBJECT, blank), "body", "Write the email text.");
	}

	@Test
	void bothAreStrippedAndTheBodyHasOnlyUnixLineEndings() {
		InvitationWording wording = new InvitationWording("  Welcome to {community}\r\n",
				"\r\n Hello,\r\nthere\rand\ttabs \n\n");

		assertThat(wording.subject()).isEqualTo("Welcome to {community}");
		assertThat(wording.body()).isEqualTo("Hello,\nthere\nand tabs");
	}

	@Test
	void theSubjectHasAtMost150CharactersCountingAnEmojiAsOne() {
		assertThat(new InvitationWording("x".repeat(150), BODY).subject()).hasSize(150);
		assertThat(new InvitationWording("😀".repeat(150), BODY).subject()).hasSize(300);

		assertProblem(() -> new InvitationWording("x".repeat(151), BODY), "subject",
				"The subject can be at most 150 characters (it has 151).");
	}

	@Test
	void theBodyHasAtMost4000CharactersCountingALineEndingAsOne() {
		String withWindowsLineEndings = ("x".repeat(99) + "\r\n").repeat(40).strip();
		assertThat(new InvitationWording(SUBJECT, withWindowsLineEndings).body().codePoints().count()).isEqualTo(3999);
		assertThat(new InvitationWording(SUBJECT, "x".repeat(4000)).body()).hasSize(4000);

		assertProblem(() -> new InvitationWording(SUBJECT, "x".repeat(4001)), "body",
				"The email text can be at most 4000 characters (it has 4001).");
	}

	@Test
	void theBodyHasAtMost50Paragraphs() {
		String fifty = String.join("\n\n", Collections.nCopies(50, "A paragraph."));
		assertThat(new InvitationWording(SUBJECT, fifty).render("", "", "", "").paragraphs()).hasSize(50);

		assertProblem(() -> new InvitationWording(SUBJECT, fifty + "\n\nOne more."), "body",
				"The email text can have at most 50 paragraphs (it has 51).");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Welcome\nto {community}", "Welcome\rto {community}", "Welcome\r\nto {community}",
			"Welcome\u2028to {community}", "Welcome\u0085to {community}" })
	void theSubjectMustBeOneLine(String subject) {
		assertProblem(() -> new InvitationWording(subject, BODY), "subject", "The subject must be one line.");
	}

	@Test
	void theSubjectCannotContainTabs() {
		assertProblem(() -> new InvitationWording("Welcome\tto {community}", BODY), "subject",
				"The subject cannot contain tabs.");
	}

	@Test
	void aRightToLeftOverrideIsRefusedAndNamedInSubjectAndBody() {
		assertProblem(() -> new InvitationWording("Invoice \u202Efdp.exe", BODY), "subject",
				"The subject contains an invisible formatting character (U+202E RIGHT-TO-LEFT OVERRIDE) at character 9."
						+ " Delete it, for example by retyping the words around it.");
		assertProblem(() -> new InvitationWording(SUBJECT, "Hello,\n\nsee \u202Efdp.exe"), "body",
				"The email text contains an invisible formatting character (U+202E RIGHT-TO-LEFT OVERRIDE) on line 3."
						+ " Delete it, for example by retyping the words around it.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\u200B", "\u200D", "\u00AD", "\uFEFF", "\u202A", "\u2066", "\u2069" })
	void invisibleFormattingCharactersAreRefused(String invisible) {
		String code = "U+%04X".formatted(invisible.codePointAt(0));
		assertProblem(() -> new InvitationWording("Wel" + invisible + "come", BODY), "subject",
				"The subject contains an invisible formatting character (" + code);
		assertProblem(() -> new InvitationWording(SUBJECT, "Wel" + invisible + "come"), "body",
				"The email text contains an invisible formatting character (" + code);
	}

	@Test
	void aZeroWidthSpaceIsNamed() {
		assertProblem(() -> new InvitationWording("Wel\u200Bcome", BODY), "subject",
				"The subject contains an invisible formatting character (U+200B ZERO WIDTH SPACE) at character 4."
						+ " Delete it, for example by retyping the words around it.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\u0000", "\u0007", "\u001B", "\u007F", "\u000B", "\u000C", "\u0085" })
	void controlCharactersOtherThanLineBreaksAreRefusedInTheBody(String control) {
		assertProblem(() -> new InvitationWording(SUBJECT, "Hello" + control + "there"), "body",
				"The email text contains an invisible control character (U+");
	}

	@Test
	void halfOfASurrogatePairIsRefused() {
		assertProblem(() -> new InvitationWording("Hello \uD83D", BODY), "subject",
				"The subject contains a broken character (U+D83D) at character 7.");
		assertProblem(() -> new InvitationWording(SUBJECT, "Hello \uDE00 there"), "body",
				"The email text contains a broken character (U+DE00) on line 1.");
	}

	@Test
	void emojiAndRightToLeftScriptsAreWelcome() {
		InvitationWording wording = new InvitationWording("🎉 مرحبا {name} שלום 👋🏽 🇵🇹",
				"مرحبا {name}\n\nשלום {inviter} 𝔘𝔫𝔦𝔠𝔬𝔡𝔢");

		assertThat(wording.render("Ana", "Ben", "", "").subject()).isEqualTo("🎉 مرحبا Ana שלום 👋🏽 🇵🇹");
		assertThat(wording.render("Ana", "Ben", "", "").paragraphs()).containsExactly("مرحبا Ana",
				"שלום Ben 𝔘𝔫𝔦𝔠𝔬𝔡𝔢");
	}

	@Test
	void anUnknownPlaceholderIsRefusedAndNamed() {
		assertProblem(() -> new InvitationWording("Hi {firstname}", BODY), "subject",
				"{firstname} is not a placeholder. Use {name}, {inviter}, {community} or {program}.");
		assertProblem(() -> new InvitationWording(SUBJECT, "Hi {name},\n\nfrom {coach}"), "body",
				"{coach} is not a placeholder. Use {name}, {inviter}, {community} or {program}.");
	}

	@Test
	void placeholdersAreCaseSensitive() {
		assertProblem(() -> new InvitationWording("Hi {Name}", BODY), "subject",
				"{Name} is not a placeholder: placeholders are written in lower case, {name}.");
	}

	@Test
	void aLongUnknownPlaceholderIsShortenedInTheMessage() {
		String long40 = "{" + "a".repeat(40) + "}";

		assertProblem(() -> new InvitationWording(SUBJECT, "Hi " + long40), "body",
				"{" + "a".repeat(21) + "…} is not a placeholder.");
	}

	@Test
	void otherBracesAreLiteralText() {
		String subject = "{} { name } {{name}} {" + "a".repeat(41) + "} }{";

		Rendered rendered = new InvitationWording(subject, "{\n\nset = {1, 2} {a\tb}").render("Ana", "", "", "");

		assertThat(rendered.subject()).isEqualTo("{} { name } {Ana} {" + "a".repeat(41) + "} }{");
		assertThat(rendered.paragraphs()).containsExactly("{", "set = {1, 2} {a b}");
	}

	@Test
	void aValueThatReadsAsAPlaceholderIsNotExpandedAgain() {
		InvitationWording wording = new InvitationWording("{name} from {inviter}", "{inviter} invited {name}.");

		Rendered rendered = wording.render("{inviter}", "{name}", "{community}", "{program}");

		assertThat(rendered.subject()).isEqualTo("{inviter} from {name}");
		assertThat(rendered.paragraphs()).containsExactly("{name} invited {inviter}.");
	}

	@Test
	void replacementsAreTakenLiterally() {
		Rendered rendered = new InvitationWording("{name}", "{name}").render("$1 \\ $0", "", "", "");

		assertThat(rendered.subject()).isEqualTo("$1 \\ $0");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Ana\r\nBcc: all@example.com", "Ana\rX", "Ana\nX", "Ana\u202EX", "Ana\u0000X",
			"Ana\u2028X", "Ana\u0085X", "Ana\u200BX", "Ana\uD800X" })
	void lineBreaksAndInvisibleCharactersInANameNeverReachTheSubject(String name) {
		Rendered rendered = new InvitationWording("Welcome {name}!", "Hello {name},\nwelcome.").render(name, "Ben",
				"Bright Path", "New Members");

		assertThat(rendered.subject()).startsWith("Welcome Ana ").endsWith("!");
		assertCleanLine(rendered.subject());
		assertThat(rendered.paragraphs()).hasSize(1).allSatisfy(InvitationWordingTest::assertCleanLine);
	}

	@Test
	void aNameCannotStartAParagraph() {
		Rendered rendered = new InvitationWording(SUBJECT, "Hello {name}, welcome.").render("Ana\n\n\nP.S. pay here",
				"", "", "");

		assertThat(rendered.paragraphs()).containsExactly("Hello Ana P.S. pay here, welcome.");
	}

	@Test
	void markupStaysLiteralTextForTheEmailTemplateToEscape() {
		InvitationWording wording = new InvitationWording("<b>{name}</b> & \"you\"",
				"<script>alert(1)</script>\n\n<a href=\"x\">{inviter}</a> &amp;");

		Rendered rendered = wording.render("<img src=x onerror=alert(1)>", "'\"&", "", "");

		assertThat(rendered.subject()).isEqualTo("<b><img src=x onerror=alert(1)></b> & \"you\"");
		assertThat(rendered.paragraphs()).containsExactly("<script>alert(1)</script>", "<a href=\"x\">'\"&</a> &amp;");
	}

	@Test
	void paragraphsAreSeparatedByBlankLinesAndEmptyOnesAreDropped() {
		InvitationWording wording = new InvitationWording(SUBJECT,
				"Hello {name},\nwelcome\n  \n\t\n\n{program}\n\n   the   end\u2029After a paragraph separator");

		assertThat(wording.render("Ana", "", "", "").paragraphs()).containsExactly("Hello Ana, welcome", "the end",
				"After a paragraph separator");
		assertThat(wording.render("Ana", "", "", " New\n\nMembers ").paragraphs()).containsExactly("Hello Ana, welcome",
				"New Members", "the end", "After a paragraph separator");
	}

	@Test
	void aSingleNoBreakSpaceIsKept() {
		Rendered rendered = new InvitationWording("Bienvenue\u00a0!", "Bienvenue\u00a0!").render("", "", "", "");

		assertThat(rendered.subject()).isEqualTo("Bienvenue\u00a0!");
	}

	@Test
	void missingValuesReadAsEmpty() {
		Rendered rendered = new InvitationWording(SUBJECT, BODY).render(null, null, null, null);

		assertThat(rendered.subject()).isEqualTo("invited you to join");
		assertThat(rendered.paragraphs()).containsExactly("Hello ,", "Welcome to .");
	}

	@Test
	void aLongSubjectIsCutAt200CharactersWithAnEllipsis() {
		Rendered rendered = new InvitationWording("Welcome {name}", BODY).render("x".repeat(500), "", "", "");

		assertThat(rendered.subject()).hasSize(201).startsWith("Welcome xxx").endsWith("x…");
	}

	@Test
	void theCutNeverSplitsACharacter() {
		String flags = "🇵🇹".repeat(150);
		Rendered rendered = new InvitationWording("{name}", BODY).render("x" + flags, "", "", "");

		assertThat(rendered.subject()).isEqualTo("x" + "🇵🇹".repeat(99) + "…");

		Rendered emoji = new InvitationWording("{name}", BODY).render("😀".repeat(300), "", "", "");
		assertThat(emoji.subject()).isEqualTo("😀".repeat(200) + "…");
	}

	static LongStream seeds() {
		return LongStream.range(0, 5_000);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void anyWordingIsEitherRefusedClearlyOrRendersSafely(long seed) {
		Random random = new Random(seed);
		// each template is tame (harmless pieces within the limits: always accepted),
		// rarely bad, or often bad
		int subjectMix = random.nextInt(3);
		int bodyMix = random.nextInt(3);
		boolean tame = subjectMix == 0 && bodyMix == 0;
		String subject = (subjectMix == 0) ? "Hi " + RandomText.of(random, RandomText.TAME, 5)
				: RandomText.of(random, RandomText.TAME, RandomText.BAD, badShare(subjectMix), 30);
		String body = (bodyMix == 0) ? "Hi " + RandomText.of(random, RandomText.TAME_BODY, 45)
				: RandomText.of(random, RandomText.TAME_BODY, RandomText.BAD_BODY, badShare(bodyMix), 200);
		List<String> values = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			values.add((random.nextInt(10) == 0) ? null
					: RandomText.of(random, RandomText.NAMES, RandomText.HOSTILE_NAMES, random.nextInt(3) / 2.0, 8));
		}

		InvitationWording wording;
		try {
			wording = new InvitationWording(subject, body);
		}
		catch (FieldProblem problem) {
			assertThat(tame).as("a wording of harmless pieces is accepted, but: %s", problem.getMessage()).isFalse();
			assertThat(problem.field()).isIn("subject", "body");
			assertThat(problem.getMessage()).isNotBlank();
			assertCleanLine(problem.getMessage());
			return;
		}

		Rendered rendered = wording.render(values.get(0), values.get(1), values.get(2), values.get(3));

		assertCleanLine(rendered.subject());
		int length = rendered.subject().codePointCount(0, rendered.subject().length());
		assertThat(length <= 200 || (length == 201 && rendered.subject().endsWith("…")))
			.as("%d characters: %s", length, rendered.subject())
			.isTrue();
		assertThat(rendered.paragraphs()).hasSizeLessThanOrEqualTo(InvitationWording.MAX_PARAGRAPHS)
			.allSatisfy((paragraph) -> {
				assertThat(paragraph).isNotBlank();
				assertCleanLine(paragraph);
			});
		// a value with a brace can complete a placeholder with the text around it ("{"
		// then "name}"), so only brace-free values promise that none is left
		boolean valuesHaveBraces = values.stream()
			.anyMatch((value) -> value != null && (value.contains("{") || value.contains("}")));
		if (!valuesHaveBraces) {
			List<String> output = new ArrayList<>(rendered.paragraphs());
			output.add(rendered.subject());
			assertThat(output).allSatisfy((text) -> assertThat(text).doesNotContain(InvitationWording.PLACEHOLDERS));
		}
	}

	private static double badShare(int mix) {
		return (mix == 1) ? 0.02 : 0.3;
	}

	/**
	 * One line of text that is safe anywhere: no line break, control, invisible
	 * formatting character or half of a surrogate pair.
	 */
	private static void assertCleanLine(String text) {
		assertThat(text.codePoints().map(Character::getType)).as("character types in %s", text)
			.doesNotContain((int) Character.CONTROL, (int) Character.FORMAT, (int) Character.SURROGATE,
					(int) Character.LINE_SEPARATOR, (int) Character.PARAGRAPH_SEPARATOR);
	}

	private static void assertProblem(org.assertj.core.api.ThrowableAssert.ThrowingCallable wording, String field,
			String messageStart) {
		assertThatThrownBy(wording).isInstanceOf(FieldProblem.class)
			.hasMessageStartingWith(messageStart)
			.asInstanceOf(type(FieldProblem.class))
			.extracting(FieldProblem::field)
			.isEqualTo(field);
	}

	/**
	 * Text built from random pieces, good and bad, for the seeded random test. The tame
	 * pieces hold no lone brace, which could close an unknown placeholder with the pieces
	 * around it.
	 */
	private static final class RandomText {

		static final List<String> TAME = List.of("Hello", " ", "  ", "Welcome to ", "{name}", "{inviter}",
				"{community}", "{program}", "{}", "{ name }", "{{name}}", "<script>alert(1)</script>", "\"'&", "مرحبا",
				"שלום", "😀", "🇵🇹", "𝔘", "中文", "\u00a0", "é", "{a b}");

		static final List<String> TAME_BODY = concat(TAME,
				List.of("\n", "\r\n", "\r", "\t", "\n\n", "\n  \n", "\r\n\r\n", "\u2028", "\u2029"));

		static final List<String> BAD = List.of("{", "}", "{firstname}", "{Name}", "{" + "z".repeat(40) + "}",
				"{" + "z".repeat(60) + "}", "\u202E", "\u200B", "\u200D", "\u00AD", "\uFEFF", "\u2066", "\u0000",
				"\u0007", "\uD800", "\uDC00", "\uD83D", "\n", "\r", "\r\n", "\t", "\u2028", "\u0085", "\uE000",
				"\u0378", "x".repeat(60), "x".repeat(200));

		static final List<String> BAD_BODY = concat(BAD, List.of("x".repeat(1000), "a\n\n".repeat(30)));

		static final List<String> NAMES = List.of("Ana", " ", "Silva", "O'Brien", "Zoë", "محمد", "שרה", "李", "😀",
				"👨‍👩‍👧", "<b>", "\"'&", "\u00a0", "Maximiliana-Alexandra ");

		static final List<String> HOSTILE_NAMES = List.of("{name}", "{inviter}", "{community}", "{program}", "{", "}",
				"name}", "\r\n", "\n", "\r", "\t", "\u202E", "\u200B", "\u0000", "\u0085", "\u2028", "\u2029", "\uD83D",
				"\uDE00", "<script>alert(1)</script>", "$1", "\\", "x".repeat(300), "\n\n\n");

		static String of(Random random, List<String> pieces, int maxPieces) {
			return of(random, pieces, pieces, 0, maxPieces);
		}

		/**
		 * Up to {@code maxPieces} pieces, each a bad one with the given probability.
		 */
		static String of(Random random, List<String> good, List<String> bad, double badShare, int maxPieces) {
			StringBuilder text = new StringBuilder();
			int count = random.nextInt(maxPieces + 1);
			for (int i = 0; i < count; i++) {
				List<String> pieces = (random.nextDouble() < badShare) ? bad : good;
				text.append(pieces.get(random.nextInt(pieces.size())));
			}
			return text.toString();
		}

		private static List<String> concat(List<String> first, List<String> second) {
			List<String> all = new ArrayList<>(first);
			all.addAll(second);
			return List.copyOf(all);
		}

	}

}
