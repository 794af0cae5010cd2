package app.rapport.invitation.web;

import java.util.List;
import java.util.UUID;

import app.rapport.invitation.InvitationPurpose;
import app.rapport.invitation.InvitationRequest;
import app.rapport.invitation.Invitations;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.EmailAddress;
import app.rapport.shared.OrganizationRole;
import app.rapport.shared.PlainText;
import app.rapport.shared.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Owners and admins invite coaches and admins; nobody can invite above their own role.
 */
@Controller
class ColleagueController {

	private final Invitations invitations;

	ColleagueController(Invitations invitations) {
		this.invitations = invitations;
	}

	record ColleagueForm(@NotBlank(message = "Enter their name.") @Size(max = 100) String name,
			@NotBlank(message = "Enter their email address.") @Size(max = 300) String email,
			@NotNull(message = "Choose a role.") OrganizationRole role) {
	}

	@GetMapping("/settings/members/invite")
	String form(CurrentUser user, Model model) {
		user.requireAdmin();
		model.addAttribute("form", new ColleagueForm("", "", OrganizationRole.COACH));
		return page(user, model);
	}

	@PostMapping("/settings/members/invite")
	String invite(CurrentUser user, @Valid @ModelAttribute("form") ColleagueForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		user.requireAdmin();
		if (!result.hasErrors()) {
			try {
				invitations.send(user, request(form));
				redirect.addFlashAttribute("flash", "We sent an invitation to " + form.email().strip() + ".");
				return "redirect:/settings/members";
			}
			catch (IllegalArgumentException ex) {
				result.rejectValue(ex.getMessage().contains("email") ? "email" : "name", "invalid", ex.getMessage());
			}
			catch (Problem problem) {
				result.reject("problem", problem.getMessage());
			}
		}
		return page(user, model);
	}

	private static String page(CurrentUser user, Model model) {
		model.addAttribute("roles",
				List.of(OrganizationRole.OWNER, OrganizationRole.ADMIN, OrganizationRole.COACH)
					.stream()
					.filter(role -> user.role() != null && user.role().isAtLeast(role))
					.toList());
		return "invitation/colleague";
	}

	static InvitationRequest request(ColleagueForm form) {
		return new InvitationRequest(InvitationPurpose.COLLEAGUE, null, new EmailAddress(form.email()),
				PlainText.line(form.name(), "a name", 100), form.role());
	}

	@RestController
	@Tag(name = "Members")
	static class Api {

		private final Invitations invitations;

		Api(Invitations invitations) {
			this.invitations = invitations;
		}

		@PostMapping("/api/v1/organization/invitations")
		@ResponseStatus(HttpStatus.CREATED)
		@Operation(summary = "Invite a colleague (coach, admin or owner) by email; never above your own role")
		UUID invite(CurrentUser user, @Valid @RequestBody ColleagueForm request) {
			user.requireAdmin();
			return invitations.send(user, request(request)).value();
		}

	}

}
