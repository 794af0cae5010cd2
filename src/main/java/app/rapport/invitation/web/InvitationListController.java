package app.rapport.invitation.web;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.rapport.invitation.InvitationId;
import app.rapport.invitation.InvitationList;
import app.rapport.invitation.InvitationListing;
import app.rapport.invitation.InvitationPurpose;
import app.rapport.invitation.InvitationQuery;
import app.rapport.invitation.InvitationStatus;
import app.rapport.invitation.Invitations;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Invitations page: filter by status and purpose, search by email, resend, revoke,
 * and resend several at once.
 */
@Controller
class InvitationListController {

	static final int PAGE_SIZE = 50;

	/** Purposes as the page names them. */
	static final Map<InvitationPurpose, String> PURPOSES = new EnumMap<>(
			Map.of(InvitationPurpose.INDIVIDUAL_CLIENT, "Individual client", InvitationPurpose.COMPANY_POC,
					"Company point of contact", InvitationPurpose.SPONSORED_COACHEE, "Sponsored coachee",
					InvitationPurpose.ONE_TO_ONE_CLIENT, "One-to-one client", InvitationPurpose.PROGRAM_MEMBER,
					"Program member", InvitationPurpose.COLLEAGUE, "Colleague"));

	private final InvitationList list;

	private final Invitations invitations;

	InvitationListController(InvitationList list, Invitations invitations) {
		this.list = list;
		this.invitations = invitations;
	}

	@GetMapping("/invitations")
	String list(CurrentUser user, @RequestParam(required = false) @Nullable InvitationStatus status,
			@RequestParam(required = false) @Nullable InvitationPurpose purpose,
			@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String after,
			Model model) {
		InvitationListing page = list.page(user, new InvitationQuery(status, purpose, q, after, PAGE_SIZE));
		model.addAttribute("page", page);
		model.addAttribute("status", status);
		model.addAttribute("purpose", purpose);
		model.addAttribute("q", q == null ? "" : q);
		model.addAttribute("filtered", status != null || purpose != null || (q != null && !q.isBlank()));
		model.addAttribute("statuses", InvitationStatus.values());
		model.addAttribute("purposes", PURPOSES);
		model.addAttribute("anyResendable", page.invitations().stream().anyMatch(InvitationListing.Row::canBeResent));
		return "invitation/list";
	}

	@PostMapping("/invitations/{id}/resend")
	String resend(CurrentUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		InvitationListing.Row row = list.find(user, new InvitationId(id));
		return act(redirect, () -> invitations.resend(user, new InvitationId(id)),
				"Invitation sent again to " + row.invitation().email() + ". The previous link no longer works.");
	}

	@PostMapping("/invitations/{id}/revoke")
	String revoke(CurrentUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		InvitationListing.Row row = list.find(user, new InvitationId(id));
		return act(redirect, () -> invitations.revoke(user, new InvitationId(id)),
				"Invitation to " + row.invitation().email() + " revoked. Its link no longer works.");
	}

	@PostMapping("/invitations/resend")
	String resendSelected(CurrentUser user, @RequestParam(required = false) @Nullable List<UUID> ids,
			RedirectAttributes redirect) {
		if (ids == null || ids.isEmpty()) {
			redirect.addFlashAttribute("flashError", "Select the invitations to resend.");
			return "redirect:/invitations";
		}
		if (ids.size() > InvitationQuery.MAX_SIZE) {
			redirect.addFlashAttribute("flashError", "Resend at most " + InvitationQuery.MAX_SIZE + " at once.");
			return "redirect:/invitations";
		}
		int[] resent = new int[1];
		String result = act(redirect,
				() -> resent[0] = invitations.resendAll(user, ids.stream().map(InvitationId::new).toList()), null);
		if (resent[0] > 0) {
			redirect.addFlashAttribute("flash", resent[0] == 1 ? "1 invitation sent again."
					: resent[0] + " invitations sent again. Their previous links no longer work.");
		}
		return result;
	}

	private static String act(RedirectAttributes redirect, Runnable action, @Nullable String success) {
		try {
			action.run();
			if (success != null) {
				redirect.addFlashAttribute("flash", success);
			}
		}
		catch (Problem problem) {
			if (problem.status() == 404 || problem.status() == 403) {
				throw problem;
			}
			redirect.addFlashAttribute("flashError", problem.getMessage());
		}
		return "redirect:/invitations";
	}

}
