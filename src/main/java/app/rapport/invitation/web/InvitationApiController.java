package app.rapport.invitation.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import app.rapport.invitation.Invitation;
import app.rapport.invitation.InvitationId;
import app.rapport.invitation.InvitationList;
import app.rapport.invitation.InvitationListing;
import app.rapport.invitation.InvitationPurpose;
import app.rapport.invitation.InvitationQuery;
import app.rapport.invitation.InvitationStatus;
import app.rapport.invitation.Invitations;
import app.rapport.shared.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/invitations")
@Tag(name = "Invitations",
		description = "Every invitation of your organization (a coach sees the ones they sent): list, resend, revoke")
class InvitationApiController {

	private final InvitationList list;

	private final Invitations invitations;

	InvitationApiController(InvitationList list, Invitations invitations) {
		this.list = list;
		this.invitations = invitations;
	}

	@GetMapping
	@Operation(summary = "Invitations, newest first; page with ?after=<next>",
			description = "status: PENDING, ACCEPTED, DECLINED, REVOKED or EXPIRED (a pending invitation past its expiry "
					+ "is EXPIRED); purpose: what the invitation is for; q: the start of the email address")
	Page list(CurrentUser user, @RequestParam(required = false) @Nullable InvitationStatus status,
			@RequestParam(required = false) @Nullable InvitationPurpose purpose,
			@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String after,
			@RequestParam(defaultValue = "50") int size) {
		InvitationListing page = list.page(user, new InvitationQuery(status, purpose, q, after, size));
		return new Page(page.invitations().stream().map(View::of).toList(), page.next());
	}

	@GetMapping("/{id}")
	@Operation(summary = "One invitation")
	View find(CurrentUser user, @PathVariable UUID id) {
		return View.of(list.find(user, new InvitationId(id)));
	}

	@PostMapping("/{id}/resend")
	@Operation(summary = "Send a pending or expired invitation again with a new link; the old link stops working")
	View resend(CurrentUser user, @PathVariable UUID id) {
		invitations.resend(user, new InvitationId(id));
		return View.of(list.find(user, new InvitationId(id)));
	}

	@PostMapping("/{id}/revoke")
	@Operation(summary = "Revoke a pending invitation; its link stops working")
	View revoke(CurrentUser user, @PathVariable UUID id) {
		invitations.revoke(user, new InvitationId(id));
		return View.of(list.find(user, new InvitationId(id)));
	}

	@PostMapping("/resend")
	@Operation(summary = "Send several pending or expired invitations again, all or none")
	Resent resendAll(CurrentUser user, @Valid @RequestBody ResendRequest request) {
		return new Resent(invitations.resendAll(user, request.ids().stream().map(InvitationId::new).toList()));
	}

	record ResendRequest(@NotEmpty(message = "Give the ids of the invitations to resend.") @Size(
			max = InvitationQuery.MAX_SIZE, message = "Resend at most 200 invitations at once.") List<UUID> ids) {
	}

	record Resent(int resent) {
	}

	/**
	 * @param next the cursor of the next page, or null on the last page
	 */
	record Page(List<View> items, @Nullable String next) {
	}

	record View(UUID id, String name, String email, InvitationPurpose purpose, InvitationStatus status,
			@Nullable UUID subjectId, UUID invitedBy, String invitedByName, Instant createdAt, Instant lastSentAt,
			int sendCount, Instant expiresAt) {

		static View of(InvitationListing.Row row) {
			Invitation i = row.invitation();
			return new View(i.id().value(), i.name(), i.email().value(), i.purpose(), row.status(), i.subjectId(),
					i.invitedBy().value(), row.invitedByName(), i.createdAt(), i.lastSentAt(), i.sendCount(),
					i.expiresAt());
		}

	}

}
