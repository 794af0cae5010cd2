package app.rapport.shared.web;

import app.rapport.shared.Problem;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Shows a {@link Problem} raised by a page as an error page with its message and status.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageProblemHandler {

	@ExceptionHandler(Problem.class)
	String problem(Problem problem, Model model, HttpServletResponse response) {
		response.setStatus(problem.status());
		model.addAttribute("status", problem.status());
		model.addAttribute("title", problem.title());
		model.addAttribute("message", problem.getMessage());
		return "error";
	}

}
