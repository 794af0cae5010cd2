package app.rapport.organization.web;

import java.util.List;

import app.rapport.account.CurrentUsers;
import app.rapport.organization.Organization;
import app.rapport.organization.Organizations;
import app.rapport.organization.web.OrganizationForms.OrganizationForm;
import app.rapport.shared.AccountId;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.OrganizationId;
import app.rapport.shared.OrganizationRole;
import app.rapport.shared.Problem;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class OrganizationController {

	private final Organizations organizations;

	OrganizationController(Organizations organizations) {
		this.organizations = organizations;
	}

	@GetMapping("/settings/organization")
	String settings(CurrentUser user, Model model) {
		model.addAttribute("organization", organizations.current(user));
		Organization organization = organizations.current(user);
		model.addAttribute("form", new OrganizationForm(organization.name(), organization.invitationValidityDays()));
		return "organization/settings";
	}

	@PostMapping("/settings/organization/close")
	String close(CurrentUser user, @ModelAttribute("closeForm") OrganizationForms.CloseForm form, Model model,
			RedirectAttributes redirect, jakarta.servlet.http.HttpServletResponse response) {
		Organization organization = organizations.current(user);
		try {
			organizations.close(user, form.typed());
			redirect.addFlashAttribute("flash", organization.name() + " is closed. Its members no longer have access "
					+ "and its pending invitations no longer work.");
			return "redirect:/organizations";
		}
		catch (app.rapport.shared.FieldProblem ex) {
			response.setStatus(400);
			model.addAttribute("closeError", ex.getMessage());
			model.addAttribute("organization", organization);
			model.addAttribute("form",
					new OrganizationForm(organization.name(), organization.invitationValidityDays()));
			return "organization/settings";
		}
	}

	@PostMapping("/settings/organization")
	String rename(CurrentUser user, @Valid @ModelAttribute("form") OrganizationForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			try {
				organizations.updateSettings(user, form.name(), form.invitationValidityDays());
				redirect.addFlashAttribute("flash", "The organization settings were saved.");
				return "redirect:/settings/organization";
			}
			catch (app.rapport.shared.FieldProblem ex) {
				result.rejectValue(ex.field(), "invalid", ex.getMessage());
			}
			catch (IllegalArgumentException ex) {
				result.rejectValue("name", "invalid", ex.getMessage());
			}
		}
		model.addAttribute("organization", organizations.current(user));
		return "organization/settings";
	}

	@GetMapping("/settings/members")
	String members(CurrentUser user, Model model) {
		model.addAttribute("members", organizations.members(user));
		model.addAttribute("roles", List.of(OrganizationRole.OWNER, OrganizationRole.ADMIN, OrganizationRole.COACH));
		return "organization/members";
	}

	@PostMapping("/settings/members/{accountId}/role")
	String changeRole(CurrentUser user, @PathVariable String accountId, @RequestParam OrganizationRole role,
			RedirectAttributes redirect) {
		try {
			organizations.changeRole(user, AccountId.of(accountId), role);
			redirect.addFlashAttribute("flash", "The role was changed.");
		}
		catch (Problem ex) {
			if (ex.status() == 404 || ex.status() == 403) {
				throw ex;
			}
			redirect.addFlashAttribute("flashError", ex.getMessage());
		}
		return "redirect:/settings/members";
	}

	@PostMapping("/settings/members/{accountId}/remove")
	String remove(CurrentUser user, @PathVariable String accountId, RedirectAttributes redirect) {
		try {
			organizations.removeMember(user, AccountId.of(accountId));
			redirect.addFlashAttribute("flash", "The member was removed.");
		}
		catch (Problem ex) {
			if (ex.status() == 404 || ex.status() == 403) {
				throw ex;
			}
			redirect.addFlashAttribute("flashError", ex.getMessage());
		}
		return "redirect:/settings/members";
	}

	@GetMapping("/organizations")
	String organizationsPage(CurrentUser user, Model model) {
		model.addAttribute("memberships", organizations.membershipsOf(user.accountId()));
		return "organization/switch";
	}

	@PostMapping("/organizations/switch")
	String switchOrganization(CurrentUser user, @RequestParam String organizationId, HttpSession session,
			RedirectAttributes redirect) {
		OrganizationId id = OrganizationId.of(organizationId);
		organizations.membershipsOf(user.accountId())
			.stream()
			.filter(m -> m.organizationId().equals(id))
			.findFirst()
			.orElseThrow(() -> Problem.notFound("You are not a member of that organization."));
		session.setAttribute(CurrentUsers.ORGANIZATION_ATTRIBUTE, id.toString());
		return "redirect:/app";
	}

}
