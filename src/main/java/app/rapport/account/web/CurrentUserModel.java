package app.rapport.account.web;

import app.rapport.account.CurrentUsers;
import app.rapport.shared.web.PageModel;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.ModelAndView;

/** Gives every page the signed-in person (or null) as {@code currentUser}. */
@Configuration(proxyBeanMethods = false)
class CurrentUserModel extends PageModel {

	private final CurrentUsers currentUsers;

	CurrentUserModel(CurrentUsers currentUsers) {
		this.currentUsers = currentUsers;
	}

	@Override
	protected void addTo(ModelAndView page, HttpServletRequest request) {
		page.addObject("currentUser", currentUsers.current(request).orElse(null));
	}

}
