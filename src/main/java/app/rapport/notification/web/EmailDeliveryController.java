package app.rapport.notification.web;

import java.util.List;
import java.util.UUID;

import app.rapport.notification.EmailDeliveries;
import app.rapport.notification.EmailDelivery;
import app.rapport.notification.EmailStatus;
import app.rapport.shared.CurrentUser;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Email delivery of the organization, for its owners and admins. */
@Controller
class EmailDeliveryController {

	static final int PAGE_SIZE = 50;

	private final EmailDeliveries deliveries;

	EmailDeliveryController(EmailDeliveries deliveries) {
		this.deliveries = deliveries;
	}

	@GetMapping("/settings/emails")
	String list(CurrentUser user, @RequestParam(required = false) @Nullable EmailStatus status,
			@RequestParam(required = false) @Nullable UUID before, Model model) {
		List<EmailDelivery> emails = deliveries.page(user.requireAdmin(), status, before, PAGE_SIZE);
		model.addAttribute("emails", emails);
		model.addAttribute("status", status);
		model.addAttribute("statuses", EmailStatus.values());
		model.addAttribute("next", emails.size() == PAGE_SIZE ? emails.getLast().id() : null);
		model.addAttribute("older", before != null);
		return "notification/emails";
	}

	@PostMapping("/settings/emails/{id}/retry")
	String retry(CurrentUser user, @PathVariable UUID id, @RequestParam(required = false) @Nullable EmailStatus status,
			RedirectAttributes redirect) {
		EmailDelivery email = deliveries.retry(user.requireAdmin(), id);
		redirect.addFlashAttribute("flash", "The email to " + email.recipient() + " will be sent again.");
		if (status != null) {
			redirect.addAttribute("status", status);
		}
		return "redirect:/settings/emails";
	}

}
