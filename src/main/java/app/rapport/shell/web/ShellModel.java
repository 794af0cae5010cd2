package app.rapport.shell.web;

import app.rapport.shared.web.PageModel;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.ModelAndView;

/** Gives every page the path it is on, so the navigation can mark the current area. */
@Configuration(proxyBeanMethods = false)
class ShellModel extends PageModel {

	@Override
	protected void addTo(ModelAndView page, HttpServletRequest request) {
		page.addObject("currentPath", request.getRequestURI().substring(request.getContextPath().length()));
	}

}
