package app.rapport.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page its path as {@code requestPath}, so the navigation can mark the active
 * area: Thymeleaf 3.1 no longer exposes {@code #request} to templates.
 */
@ControllerAdvice(annotations = Controller.class)
class RequestPathModel {

	@ModelAttribute("requestPath")
	String requestPath(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

}
