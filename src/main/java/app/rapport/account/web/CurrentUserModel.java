package app.rapport.account.web;

import app.rapport.account.CurrentUsers;
import app.rapport.shared.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page the signed-in person (or null) as {@code currentUser}, for the
 * application shell.
 */
@ControllerAdvice(annotations = Controller.class)
class CurrentUserModel {

	private final CurrentUsers currentUsers;

	CurrentUserModel(CurrentUsers currentUsers) {
		this.currentUsers = currentUsers;
	}

	@ModelAttribute("currentUser")
	@Nullable CurrentUser currentUser(HttpServletRequest request) {
		return currentUsers.current(request).orElse(null);
	}

}
