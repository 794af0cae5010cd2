package app.rapport.shared.web;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.samskivert.mustache.Escapers;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HtmlFragmentTest {

	public record Item(String title, @Nullable String note) {
	}

	@Test
	void escapesEveryValueInTextAndAttributesAndSkipsNullSections() {
		String html = HtmlFragment.load("templates/test/fragment.mustache")
			.render(Map.of("items", List.of(new Item("a\"><script>x</script>&'", null), new Item("b", "n<"))));

		assertThat(html).isEqualTo("<li title=\"a&quot;&gt;&lt;script&gt;x&lt;/script&gt;&amp;&#39;\">"
				+ "a&quot;&gt;&lt;script&gt;x&lt;/script&gt;&amp;&#39;</li><li title=\"b\">b (n&lt;)</li>\n");
	}

	@Test
	void escapesAsMustachesOwnHtmlEscaper() {
		for (String raw : List.of("", "plain", "&", "a&b", "<a href=\"x\">", "it's `x` = 'y'", "é & ü < ß", "😀<😀",
				"&amp;", "ends with >")) {
			assertThat(HtmlFragment.escape(raw)).as(raw).isEqualTo(Escapers.HTML.escape(raw));
		}
		String plain = "nothing to escape";
		assertThat(HtmlFragment.escape(plain)).isSameAs(plain);
	}

	@Test
	void rendersTheSameWhateverTheLastRenderLeft() {
		HtmlFragment fragment = HtmlFragment.load("templates/test/fragment.mustache");
		String small = fragment.render(Map.of("items", List.of(new Item("b", null))));
		fragment.render(Map.of("items", Collections.nCopies(500, new Item("long title ".repeat(20), "n"))));

		assertThat(fragment.render(Map.of("items", List.of(new Item("b", null))))).isEqualTo(small)
			.isEqualTo("<li title=\"b\">b</li>\n");
	}

	@Test
	void aNameTheRowLacksFailsInsteadOfWritingNothing() {
		HtmlFragment typo = HtmlFragment.load("templates/test/typo.mustache");

		assertThatThrownBy(() -> typo.render(Map.of("items", List.of(new Item("a", null)))))
			.hasMessageContaining("titel");
	}

	@Test
	void aMissingTemplateFailsAtLoading() {
		assertThatThrownBy(() -> HtmlFragment.load("templates/test/none.mustache"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("templates/test/none.mustache");
	}

}
