package app.rapport.shell.web;

import app.rapport.shared.CurrentUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class ShellController {

	@GetMapping("/")
	String home() {
		return "shell/home";
	}

	@GetMapping("/app")
	String start(CurrentUser user) {
		return "shell/start";
	}

	@GetMapping("/settings")
	String settings(CurrentUser user) {
		return "shell/settings";
	}

	/**
	 * Areas that arrive with later releases show what they will hold, so the navigation
	 * is stable.
	 */
	@GetMapping({ "/one-to-one", "/engagements" })
	String upcoming(CurrentUser user, Model model, jakarta.servlet.http.HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		Area area = Area.of(path);
		model.addAttribute("area", area);
		return "shell/area";
	}

	record Area(String title, String summary, String nextStep) {

		static Area of(String path) {
			return switch (path) {
				case "/one-to-one" -> new Area("One-to-One",
						"Your one-to-one coaching connections: Add Contact, Add another, Send invitation.",
						"One-to-one connections open with the community release.");
				default -> new Area("Engagements",
						"Coaching contracts between your coaches and coachees, sponsored or direct.",
						"Engagements open with the client company release.");
			};
		}

	}

}
