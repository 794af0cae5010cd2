package app.rapport.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Adds what the application shell shows to every rendered page, after the handler. Not a
 * {@code @ModelAttribute} advice, which would also run for every API call (no model and
 * view) and would put its values into the query string of redirects.
 */
public abstract class PageModel implements WebMvcConfigurer, HandlerInterceptor {

	@Override
	public final void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public final void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable ModelAndView result) {
		if (result != null && !(result.getView() instanceof RedirectView)
				&& !(result.getViewName() != null && result.getViewName().startsWith("redirect:"))) {
			addTo(result, request);
		}
	}

	/** Adds this module's part of the shell to a page about to be rendered. */
	protected abstract void addTo(ModelAndView page, HttpServletRequest request);

}
