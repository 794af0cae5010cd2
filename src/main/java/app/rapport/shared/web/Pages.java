package app.rapport.shared.web;

import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/** For interceptors that give every rendered page what the application shell shows. */
public final class Pages {

	private Pages() {
	}

	/**
	 * Whether a handler's result renders a page: not an API response (no model and view)
	 * and not a redirect, whose model would become its query string.
	 */
	public static boolean rendersPage(@Nullable ModelAndView result) {
		return result != null && !(result.getView() instanceof RedirectView)
				&& !(result.getViewName() != null && result.getViewName().startsWith("redirect:"));
	}

}
