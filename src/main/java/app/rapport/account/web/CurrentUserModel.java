package app.rapport.account.web;

import app.rapport.account.CurrentUsers;
import app.rapport.shared.web.Pages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Gives every page the signed-in person (or null) as {@code currentUser}, for the
 * application shell. Added after the handler and only when a view is rendered
 * ({@link Pages#rendersPage}): a {@code @ModelAttribute} advice would also run for every
 * API call, which renders no page.
 */
@Configuration(proxyBeanMethods = false)
class CurrentUserModel implements WebMvcConfigurer, HandlerInterceptor {

	private final CurrentUsers currentUsers;

	CurrentUserModel(CurrentUsers currentUsers) {
		this.currentUsers = currentUsers;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable ModelAndView page) {
		if (Pages.rendersPage(page)) {
			page.addObject("currentUser", currentUsers.current(request).orElse(null));
		}
	}

}
