package app.rapport.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class DirectAttributesTest {

	/** A wrapper that answers one attribute itself, as Tomcat's does for forwards. */
	static final class OwnAttributes extends HttpServletRequestWrapper {

		OwnAttributes(HttpServletRequest request) {
			super(request);
		}

		@Override
		public @Nullable Object getAttribute(String name) {
			return name.equals("own") ? "from the wrapper" : super.getAttribute(name);
		}

	}

	@Test
	void skipsTheWrappersThatPassAttributesOnAndStopsAtOneThatDoesNot() {
		MockHttpServletRequest tomcat = new MockHttpServletRequest();
		HttpServletRequest own = new OwnAttributes(new HttpServletRequestWrapper(tomcat));
		HttpServletRequest outer = new HttpServletRequestWrapper(new HttpServletRequestWrapper(own));

		assertThat(DirectAttributes.attributeHolder(outer)).isSameAs(own);
		assertThat(DirectAttributes.attributeHolder(new HttpServletRequestWrapper(tomcat))).isSameAs(tomcat);
		assertThat(DirectAttributes.attributeHolder(tomcat)).isSameAs(tomcat);
	}

	@Test
	void readsAndWritesTheSameAttributesAsTheWrappedRequest() {
		MockHttpServletRequest tomcat = new MockHttpServletRequest();
		HttpServletRequest own = new OwnAttributes(new HttpServletRequestWrapper(tomcat));
		HttpServletRequest outer = new HttpServletRequestWrapper(own);
		HttpServletRequest direct = new DirectAttributes.DirectAttributeRequest(outer,
				DirectAttributes.attributeHolder(outer));

		direct.setAttribute("model", "value");
		assertThat(outer.getAttribute("model")).isEqualTo("value");
		assertThat(tomcat.getAttribute("model")).isEqualTo("value");
		assertThat(direct.getAttribute("own")).isEqualTo("from the wrapper");
		assertThat(direct.getAttributeNames().asIterator()).toIterable().contains("model");
		outer.setAttribute("other", 1);
		assertThat(direct.getAttribute("other")).isEqualTo(1);
		direct.removeAttribute("model");
		assertThat(outer.getAttribute("model")).isNull();
		assertThat(direct.getRequestURI()).isEqualTo(outer.getRequestURI());
	}

}
