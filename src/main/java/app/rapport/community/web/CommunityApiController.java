package app.rapport.community.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import app.rapport.community.Community;
import app.rapport.community.CommunitySettings;
import app.rapport.community.LogoImage;
import app.rapport.community.MyProgram;
import app.rapport.community.Program;
import app.rapport.community.ProgramId;
import app.rapport.community.ProgramPeople;
import app.rapport.community.web.CommunityForms.InvitationsRequest;
import app.rapport.community.web.CommunityForms.ProgramForm;
import app.rapport.community.web.CommunityForms.SettingsForm;
import app.rapport.invitation.InvitationId;
import app.rapport.shared.AccountId;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Community", description = "Manage community: branding, invitation wording, programs and their members")
class CommunityApiController {

	private final Community community;

	CommunityApiController(Community community) {
		this.community = community;
	}

	@GetMapping("/community")
	@Operation(summary = "The community's branding, invitation wording and registration page text (owners and admins)")
	CommunitySettings settings(CurrentUser user) {
		return community.settings(user);
	}

	@PatchMapping("/community")
	@Operation(summary = "Change the invitation wording ({name}, {inviter}, {community}, {program}), registration "
			+ "page text and accent colour; all or nothing")
	CommunitySettings update(CurrentUser user, @Valid @RequestBody SettingsForm request) {
		CommunitySettings current = community.settings(user);
		return community.updateSettings(user,
				request.invitationSubject() == null ? current.wording().subject() : request.invitationSubject(),
				request.invitationBody() == null ? current.wording().body() : request.invitationBody(),
				request.registrationText() == null ? current.registrationText() : request.registrationText(),
				request.brandColor() == null ? current.brandColor() : request.brandColor());
	}

	@PutMapping(path = "/community/logo", consumes = { "image/png", "image/jpeg", "image/gif" })
	@Operation(summary = "Upload the logo: a PNG, JPEG or GIF of at most 1 MB and 4096 × 4096 pixels, stored "
			+ "re-encoded as a PNG of at most 512 × 512")
	CommunitySettings uploadLogo(CurrentUser user, HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > LogoImage.MAX_BYTES) {
			throw Problem.tooLarge("The logo is larger than 1 MB. Upload a smaller image.");
		}
		byte[] bytes;
		try (InputStream in = request.getInputStream()) {
			bytes = in.readNBytes(LogoImage.MAX_BYTES + 1);
		}
		return community.uploadLogo(user, bytes);
	}

	@DeleteMapping("/community/logo")
	@Operation(summary = "Remove the logo; emails show the community's name instead")
	CommunitySettings removeLogo(CurrentUser user) {
		return community.removeLogo(user);
	}

	@GetMapping("/community/programs")
	@Operation(summary = "Every program, New Members first, archived ones last")
	List<Program> programs(CurrentUser user) {
		return community.programs(user);
	}

	@PostMapping("/community/programs")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a program")
	Program create(CurrentUser user, @Valid @RequestBody ProgramForm request) {
		return community.createProgram(user, request.draft());
	}

	@GetMapping("/community/programs/{id}")
	@Operation(summary = "One program")
	Program program(CurrentUser user, @PathVariable UUID id) {
		return community.program(user, new ProgramId(id));
	}

	@PatchMapping("/community/programs/{id}")
	@Operation(summary = "Change a program's name, description and whether coaches invite one-to-one clients "
			+ "straight into it")
	Program update(CurrentUser user, @PathVariable UUID id, @Valid @RequestBody ProgramForm request) {
		return community.updateProgram(user, new ProgramId(id), request.draft());
	}

	@PostMapping("/community/programs/{id}/archive")
	@Operation(summary = "Archive a program: its pending invitations are revoked, nobody can be invited into it; "
			+ "members keep their access (not New Members)")
	Program archive(CurrentUser user, @PathVariable UUID id) {
		return community.archive(user, new ProgramId(id));
	}

	@PostMapping("/community/programs/{id}/unarchive")
	@Operation(summary = "Restore an archived program")
	Program unarchive(CurrentUser user, @PathVariable UUID id) {
		return community.unarchive(user, new ProgramId(id));
	}

	@GetMapping("/community/programs/{id}/members")
	@Operation(summary = "Manage users: a page of members (newest first; pass `next` as `after`) and the pending "
			+ "invitations")
	ProgramPeople members(CurrentUser user, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable String after) {
		return community.people(user, new ProgramId(id), after);
	}

	@PostMapping("/community/programs/{id}/invitations")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "+ Invite: invite people into the program with a role (client, coach, mentor) in the "
			+ "community's wording; all or none")
	CompletableFuture<List<InvitationId>> invite(CurrentUser user, @PathVariable UUID id,
			@Valid @RequestBody InvitationsRequest request) {
		// answered asynchronously: concurrent requests of the same person into the
		// program
		// share a transaction (Community.inviteAsync)
		return community.inviteAsync(user, new ProgramId(id), request.invitees());
	}

	@DeleteMapping("/community/programs/{id}/members/{accountId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Remove a member from the program")
	void removeMember(CurrentUser user, @PathVariable UUID id, @PathVariable UUID accountId) {
		community.removeMember(user, new ProgramId(id), new AccountId(accountId));
	}

	@GetMapping("/my-community")
	@Operation(summary = "My community: the programs you belong to, in every community")
	List<MyProgram> myPrograms(CurrentUser user) {
		return community.myPrograms(user);
	}

	@GetMapping("/my-community/programs/{id}")
	@Operation(summary = "One of your programs")
	MyProgram myProgram(CurrentUser user, @PathVariable UUID id) {
		return community.myProgram(user, new ProgramId(id));
	}

}
