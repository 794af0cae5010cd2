package app.rapport.client.web;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import app.rapport.client.ClientDetails;
import app.rapport.client.ClientId;
import app.rapport.client.ClientKind;
import app.rapport.client.ClientPage;
import app.rapport.client.ClientQuery;
import app.rapport.client.ClientRecord;
import app.rapport.client.ClientStatus;
import app.rapport.client.Clients;
import app.rapport.client.web.ClientForms.CompanyForm;
import app.rapport.client.web.ClientForms.EditForm;
import app.rapport.client.web.ClientForms.IndividualRow;
import app.rapport.client.web.ClientForms.IndividualsForm;
import app.rapport.invitation.InvitationId;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.FieldProblem;
import app.rapport.shared.Problem;
import app.rapport.shared.web.HtmlFragment;
import jakarta.servlet.http.HttpServletRequest;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class ClientController {

	static final int PAGE_SIZE = 50;

	private static final HtmlFragment ROWS = HtmlFragment.load("templates/client/rows.mustache");

	static final List<String> TIME_ZONES = ZoneId.getAvailableZoneIds()
		.stream()
		.filter(zone -> zone.contains("/") && !zone.startsWith("Etc/") && !zone.startsWith("SystemV/"))
		.sorted()
		.toList();

	private final Clients clients;

	ClientController(Clients clients) {
		this.clients = clients;
	}

	@GetMapping("/clients")
	String list(CurrentUser user, @RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable ClientKind kind,
			@RequestParam(required = false) @Nullable ClientStatus status,
			@RequestParam(required = false) @Nullable String tag,
			@RequestParam(defaultValue = "RECENT") ClientQuery.Sort sort,
			@RequestParam(defaultValue = "false") boolean archived,
			@RequestParam(required = false) @Nullable String after, Locale locale, HttpServletRequest request,
			Model model) {
		ClientQuery query = new ClientQuery(q, kind, status, tag, sort, archived, after, PAGE_SIZE);
		ClientPage page = clients.page(user, query);
		model.addAttribute("page", page);
		model.addAttribute("rowsHtml",
				ROWS.render(Map.of("rows", ClientRow.of(page.clients(), request.getContextPath(), locale))));
		model.addAttribute("query", query);
		model.addAttribute("q", q == null ? "" : q);
		model.addAttribute("tags", clients.tags(user));
		model.addAttribute("filtered", q != null && !q.isBlank() || kind != null || status != null
				|| tag != null && !tag.isBlank() || archived);
		model.addAttribute("paged", after != null);
		return "client/list";
	}

	@GetMapping("/clients/new/individual")
	String newIndividual(Model model) {
		return individualPage(model, new IndividualsForm(List.of(IndividualRow.empty())));
	}

	/** One more "Add another" row, for htmx. */
	@GetMapping("/clients/new/individual/row")
	String individualRow(@RequestParam int index, Model model) {
		List<IndividualRow> rows = new ArrayList<>();
		for (int i = 0; i <= Math.clamp(index, 0, Clients.MAX_BATCH - 1); i++) {
			rows.add(IndividualRow.empty());
		}
		model.addAttribute("form", new IndividualsForm(rows));
		model.addAttribute("index", Math.clamp(index, 0, Clients.MAX_BATCH - 1));
		model.addAttribute("timeZones", TIME_ZONES);
		return "client/individual-row :: row";
	}

	@PostMapping("/clients/new/individual")
	String createIndividuals(CurrentUser user, @Valid @ModelAttribute("form") IndividualsForm form,
			BindingResult result, @RequestParam(defaultValue = "internal") String action, Model model,
			RedirectAttributes redirect) {
		if ("add".equals(action)) {
			return individualPage(model, form.withAnotherRow());
		}
		boolean invite = "invite".equals(action);
		List<ClientDetails.Individual> people = new ArrayList<>();
		List<IndividualRow> rows = form.rowsOrEmpty();
		for (int i = 0; i < rows.size(); i++) {
			try {
				people.add(rows.get(i).details(invite));
			}
			catch (FieldProblem problem) {
				result.rejectValue("rows[" + i + "]." + problem.field(), "invalid", problem.getMessage());
			}
		}
		if (!result.hasErrors()) {
			try {
				List<ClientId> created = clients.createIndividuals(user, people, invite);
				redirect.addFlashAttribute("flash",
						created.size() == 1
								? (invite ? "The client was created and invited."
										: "The client was saved as an internal record.")
								: created.size() + (invite ? " clients were created and invited."
										: " clients were saved as internal records."));
				return created.size() == 1 ? "redirect:/clients/" + created.getFirst() : "redirect:/clients";
			}
			catch (Clients.DuplicateClientProblem duplicate) {
				model.addAttribute("duplicate", duplicate.existing());
				result.reject("duplicate", duplicate.getMessage());
			}
			catch (Problem problem) {
				result.reject("problem", problem.getMessage());
			}
		}
		return individualPage(model, form);
	}

	private static String individualPage(Model model, IndividualsForm form) {
		// replacing a bound form object would drop its field errors
		if (form.rows() == null || form.rows().isEmpty()) {
			model.addAttribute("form", new IndividualsForm(form.rowsOrEmpty()));
		}
		else {
			model.addAttribute("form", form);
		}
		model.addAttribute("rows", form.rowsOrEmpty());
		model.addAttribute("timeZones", TIME_ZONES);
		model.addAttribute("maxRows", Clients.MAX_BATCH);
		return "client/new-individual";
	}

	@GetMapping("/clients/new/company")
	String newCompany(CurrentUser user, Model model) {
		user.requireAdmin();
		model.addAttribute("form", CompanyForm.empty());
		return "client/new-company";
	}

	@PostMapping("/clients/new/company")
	String createCompany(CurrentUser user, @Valid @ModelAttribute("form") CompanyForm form, BindingResult result,
			@RequestParam(defaultValue = "internal") String action, Model model, RedirectAttributes redirect) {
		user.requireAdmin();
		if (!result.hasErrors()) {
			try {
				boolean invite = "invite".equals(action);
				ClientId id = clients.createCompany(user, form.details(), invite);
				redirect.addFlashAttribute("flash", invite ? "The company was created and its point of contact invited."
						: "The company was saved as an internal record.");
				return "redirect:/clients/" + id;
			}
			catch (Clients.DuplicateClientProblem duplicate) {
				model.addAttribute("duplicate", duplicate.existing());
				result.rejectValue("contactEmail", "duplicate", duplicate.getMessage());
			}
			catch (FieldProblem problem) {
				result.rejectValue(problem.field(), "invalid", problem.getMessage());
			}
			catch (Problem problem) {
				result.reject("problem", problem.getMessage());
			}
		}
		return "client/new-company";
	}

	@GetMapping("/clients/{id}")
	String profile(CurrentUser user, @PathVariable UUID id, Model model) {
		ClientId clientId = new ClientId(id);
		ClientRecord record = clients.find(user, clientId);
		model.addAttribute("client", record);
		model.addAttribute("history", clients.invitationHistory(user, clientId));
		model.addAttribute("connected", clients.isConnected(user, clientId));
		return "client/profile";
	}

	@PostMapping("/clients/{id}/invitations")
	String sendInvitation(CurrentUser user, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable String email, RedirectAttributes redirect) {
		return act(redirect, id, "The invitation was sent.",
				() -> clients.sendInvitation(user, new ClientId(id), email));
	}

	@PostMapping("/clients/{id}/invitations/{invitation}/resend")
	String resend(CurrentUser user, @PathVariable UUID id, @PathVariable UUID invitation, RedirectAttributes redirect) {
		return act(redirect, id, "The invitation was sent again with a new link; the previous link no longer works.",
				() -> clients.resendInvitation(user, new ClientId(id), new InvitationId(invitation)));
	}

	@PostMapping("/clients/{id}/invitations/{invitation}/revoke")
	String revoke(CurrentUser user, @PathVariable UUID id, @PathVariable UUID invitation, RedirectAttributes redirect) {
		return act(redirect, id, "The invitation was revoked; its link no longer works.",
				() -> clients.revokeInvitation(user, new ClientId(id), new InvitationId(invitation)));
	}

	@PostMapping("/clients/{id}/archive")
	String archive(CurrentUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		return act(redirect, id, "The client was archived. Find it again with the Archived filter.",
				() -> clients.archive(user, new ClientId(id), true));
	}

	@PostMapping("/clients/{id}/unarchive")
	String unarchive(CurrentUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		return act(redirect, id, "The client is active again.", () -> clients.archive(user, new ClientId(id), false));
	}

	@GetMapping("/clients/{id}/edit")
	String edit(CurrentUser user, @PathVariable UUID id, Model model) {
		ClientRecord record = clients.find(user, new ClientId(id));
		model.addAttribute("client", record);
		model.addAttribute("form", EditForm.of(record));
		model.addAttribute("timeZones", TIME_ZONES);
		return "client/edit";
	}

	@PostMapping("/clients/{id}/edit")
	String update(CurrentUser user, @PathVariable UUID id, @Valid @ModelAttribute("form") EditForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		ClientRecord record = clients.find(user, new ClientId(id));
		if (!result.hasErrors()) {
			try {
				clients.update(user, record.id(), ClientEdits.apply(record, form));
				redirect.addFlashAttribute("flash", "The client was saved.");
				return "redirect:/clients/" + id;
			}
			catch (FieldProblem problem) {
				result.rejectValue(problem.field().equals("contactEmail") ? "contactName" : problem.field(), "invalid",
						problem.getMessage());
			}
		}
		model.addAttribute("client", record);
		model.addAttribute("timeZones", TIME_ZONES);
		return "client/edit";
	}

	private static String act(RedirectAttributes redirect, UUID id, String success, Runnable action) {
		try {
			action.run();
			redirect.addFlashAttribute("flash", success);
		}
		catch (Problem problem) {
			if (problem.status() == 404 || problem.status() == 403) {
				throw problem;
			}
			redirect.addFlashAttribute("flashError", problem.getMessage());
		}
		return "redirect:/clients/" + id;
	}

}
