package app.rapport.shell.web;

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
 * Gives every page the path it is on, so the navigation can mark the current area; only
 * when a page is rendered, so API calls skip it.
 */
@Configuration(proxyBeanMethods = false)
class ShellModel implements WebMvcConfigurer, HandlerInterceptor {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable ModelAndView page) {
		if (Pages.rendersPage(page)) {
			page.addObject("currentPath", request.getRequestURI().substring(request.getContextPath().length()));
		}
	}

}
