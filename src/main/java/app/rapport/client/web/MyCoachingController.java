package app.rapport.client.web;

import java.util.List;
import java.util.UUID;

import app.rapport.client.ClientId;
import app.rapport.client.Clients;
import app.rapport.client.Clients.Relationship;
import app.rapport.client.web.ClientForms.OwnDetailsForm;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.FieldProblem;
import jakarta.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "My coaching": the relationships a person owns as a client, one per provider. */
@Controller
class MyCoachingController {

	private final Clients clients;

	MyCoachingController(Clients clients) {
		this.clients = clients;
	}

	@GetMapping("/my-coaching")
	String page(CurrentUser user, Model model) {
		List<Relationship> relationships = clients.relationshipsOf(user.accountId());
		model.addAttribute("relationships", relationships);
		model.addAttribute("timeZones", ClientController.TIME_ZONES);
		return "client/my-coaching";
	}

	@PostMapping("/my-coaching/{id}")
	String updateOwnDetails(CurrentUser user, @PathVariable UUID id, @Valid @ModelAttribute OwnDetailsForm form,
			RedirectAttributes redirect) {
		try {
			clients.updateOwnDetails(user.accountId(), new ClientId(id), form.firstName(), form.lastName(),
					form.phone(), form.timeZone());
			redirect.addFlashAttribute("flash", "Your details were saved.");
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("flashError", problem.getMessage());
		}
		return "redirect:/my-coaching";
	}

}
