package app.rapport.account.web;

import java.util.List;

import app.rapport.account.CurrentUsers;
import app.rapport.shared.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets every controller declare a {@link CurrentUser} parameter. */
@Configuration(proxyBeanMethods = false)
class CurrentUserArguments implements WebMvcConfigurer, HandlerMethodArgumentResolver {

	private final CurrentUsers currentUsers;

	CurrentUserArguments(CurrentUsers currentUsers) {
		this.currentUsers = currentUsers;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == CurrentUser.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
		return currentUsers.current(request)
			.orElseThrow(() -> new AuthenticationCredentialsNotFoundException("Sign in first."));
	}

}
