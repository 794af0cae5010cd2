package app.rapport.community.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import app.rapport.community.Community;
import app.rapport.community.CommunitySettings;
import app.rapport.community.LogoImage;
import app.rapport.community.Program;
import app.rapport.community.ProgramId;
import app.rapport.community.ProgramPeople;
import app.rapport.community.ProgramRole;
import app.rapport.community.web.CommunityForms.InviteForm;
import app.rapport.community.web.CommunityForms.ProgramForm;
import app.rapport.community.web.CommunityForms.SettingsForm;
import app.rapport.shared.AccountId;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.FieldProblem;
import app.rapport.shared.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Manage community: Users (the programs, each with Manage users and + Invite), program
 * settings, and Branding (logo, colour, invitation wording, registration page text).
 */
@Controller
class CommunityController {

	private final Community community;

	CommunityController(Community community) {
		this.community = community;
	}

	@GetMapping("/community")
	String home(CurrentUser user) {
		return "redirect:/community/users";
	}

	@GetMapping("/community/users")
	String users(CurrentUser user, Model model) {
		List<Program> programs = community.programs(user);
		model.addAttribute("programs", programs);
		model.addAttribute("tab", "users");
		return "community/users";
	}

	@GetMapping("/community/users/{id}")
	String manageUsers(CurrentUser user, @PathVariable UUID id, @RequestParam(required = false) @Nullable String after,
			Locale locale, HttpServletRequest request, Model model) {
		ProgramPeople people = community.people(user, new ProgramId(id), after);
		model.addAttribute("people", people);
		model.addAttribute("memberRowsHtml", PeopleRows.membersHtml(people, request, locale));
		model.addAttribute("pendingRowsHtml", PeopleRows.pendingHtml(people.pending(), locale));
		model.addAttribute("tab", "users");
		return "community/program";
	}

	@GetMapping("/community/users/{id}/invite")
	String inviteForm(CurrentUser user, @PathVariable UUID id, Model model) {
		model.addAttribute("form", new InviteForm("", "", ProgramRole.CLIENT));
		return invitePage(user, id, model);
	}

	@PostMapping("/community/users/{id}/invite")
	String invite(CurrentUser user, @PathVariable UUID id, @Valid @ModelAttribute("form") InviteForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		if (!result.hasErrors()) {
			try {
				community.invite(user, new ProgramId(id), List.of(form.invitee()));
				redirect.addFlashAttribute("flash", "We sent an invitation to " + form.invitee().email().strip() + ".");
				return "redirect:/community/users/" + id;
			}
			catch (FieldProblem problem) {
				result.rejectValue(problem.field(), "invalid", problem.getMessage());
			}
			catch (Problem problem) {
				if (problem.status() == 404 || problem.status() == 403) {
					throw problem;
				}
				result.reject("problem", problem.getMessage());
			}
		}
		response.setStatus(400);
		return invitePage(user, id, model);
	}

	private String invitePage(CurrentUser user, UUID id, Model model) {
		model.addAttribute("program", community.program(user, new ProgramId(id)));
		model.addAttribute("roles", ProgramRole.values());
		model.addAttribute("tab", "users");
		return "community/invite";
	}

	@PostMapping("/community/users/{id}/members/{accountId}/remove")
	String removeMember(CurrentUser user, @PathVariable UUID id, @PathVariable UUID accountId,
			RedirectAttributes redirect) {
		community.removeMember(user, new ProgramId(id), new AccountId(accountId));
		redirect.addFlashAttribute("flash", "Removed from the program.");
		return "redirect:/community/users/" + id;
	}

	@GetMapping("/community/programs/new")
	String newProgram(CurrentUser user, Model model) {
		community.programs(user);
		model.addAttribute("form", new ProgramForm("", "", false));
		return programPage(model, null);
	}

	@PostMapping("/community/programs/new")
	String createProgram(CurrentUser user, @Valid @ModelAttribute("form") ProgramForm form, BindingResult result,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		if (!result.hasErrors()) {
			try {
				Program program = community.createProgram(user, form.draft());
				redirect.addFlashAttribute("flash", program.name() + " is ready. Invite its first members.");
				return "redirect:/community/users/" + program.id();
			}
			catch (FieldProblem problem) {
				result.rejectValue(problem.field(), "invalid", problem.getMessage());
			}
		}
		response.setStatus(400);
		return programPage(model, null);
	}

	@GetMapping("/community/programs/{id}/edit")
	String editProgram(CurrentUser user, @PathVariable UUID id, Model model) {
		Program program = community.program(user, new ProgramId(id));
		model.addAttribute("form",
				new ProgramForm(program.name(), program.description(), program.coachesInviteDirectly()));
		return programPage(model, program);
	}

	@PostMapping("/community/programs/{id}/edit")
	String updateProgram(CurrentUser user, @PathVariable UUID id, @Valid @ModelAttribute("form") ProgramForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		Program program = community.program(user, new ProgramId(id));
		if (!result.hasErrors()) {
			try {
				community.updateProgram(user, program.id(), form.draft());
				redirect.addFlashAttribute("flash", "Program settings saved.");
				return "redirect:/community/users/" + id;
			}
			catch (FieldProblem problem) {
				result.rejectValue(problem.field(), "invalid", problem.getMessage());
			}
		}
		response.setStatus(400);
		return programPage(model, program);
	}

	private static String programPage(Model model, @Nullable Program program) {
		model.addAttribute("program", program);
		model.addAttribute("tab", "users");
		return "community/program-form";
	}

	@PostMapping("/community/programs/{id}/archive")
	String archive(CurrentUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		Program program = community.archive(user, new ProgramId(id));
		redirect.addFlashAttribute("flash",
				program.name() + " is archived. Its pending invitations were revoked; members keep their access.");
		return "redirect:/community/users/" + id;
	}

	@PostMapping("/community/programs/{id}/unarchive")
	String unarchive(CurrentUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		Program program = community.unarchive(user, new ProgramId(id));
		redirect.addFlashAttribute("flash", program.name() + " is restored. You can invite people into it again.");
		return "redirect:/community/users/" + id;
	}

	@GetMapping("/community/branding")
	String branding(CurrentUser user, Model model) {
		CommunitySettings settings = community.settings(user);
		model.addAttribute("form", SettingsForm.of(settings));
		return brandingPage(settings, model);
	}

	@PostMapping("/community/branding")
	String saveBranding(CurrentUser user, @Valid @ModelAttribute("form") SettingsForm form, BindingResult result,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		if (!result.hasErrors()) {
			try {
				community.updateSettings(user, form.subject(), form.body(), form.registration(), form.color());
				redirect.addFlashAttribute("flash", "Branding and wording saved.");
				return "redirect:/community/branding";
			}
			catch (FieldProblem problem) {
				String field = switch (problem.field()) {
					case "subject" -> "invitationSubject";
					case "body" -> "invitationBody";
					default -> problem.field();
				};
				result.rejectValue(field, "invalid", problem.getMessage());
			}
		}
		response.setStatus(400);
		return brandingPage(community.settings(user), model);
	}

	@PostMapping("/community/branding/logo")
	String uploadLogo(CurrentUser user, @RequestParam(required = false) @Nullable MultipartFile logo, Model model,
			RedirectAttributes redirect, HttpServletResponse response) throws IOException {
		CommunitySettings settings = community.settings(user);
		try {
			if (logo == null || logo.isEmpty()) {
				throw Problem.invalid("Choose an image file to upload.");
			}
			if (logo.getSize() > LogoImage.MAX_BYTES) {
				throw Problem.tooLarge("The logo is larger than 1 MB. Upload a smaller image.");
			}
			byte[] bytes;
			try (InputStream in = logo.getInputStream()) {
				bytes = in.readNBytes(LogoImage.MAX_BYTES + 1);
			}
			community.uploadLogo(user, bytes);
			redirect.addFlashAttribute("flash", "Logo uploaded. Emails sent from now on show it.");
			return "redirect:/community/branding";
		}
		catch (Problem problem) {
			if (problem.status() == 403 || problem.status() == 404) {
				throw problem;
			}
			response.setStatus(problem.status());
			model.addAttribute("form", SettingsForm.of(settings));
			model.addAttribute("logoError", problem.getMessage());
			return brandingPage(settings, model);
		}
	}

	@PostMapping("/community/branding/logo/remove")
	String removeLogo(CurrentUser user, RedirectAttributes redirect) {
		community.removeLogo(user);
		redirect.addFlashAttribute("flash", "Logo removed. Emails show your community's name instead.");
		return "redirect:/community/branding";
	}

	private static String brandingPage(CommunitySettings settings, Model model) {
		model.addAttribute("settings", settings);
		model.addAttribute("tab", "branding");
		model.addAttribute("maxLogoKb", LogoImage.MAX_BYTES / 1024);
		return "community/branding";
	}

}
