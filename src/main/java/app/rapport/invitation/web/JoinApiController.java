package app.rapport.invitation.web;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import app.rapport.invitation.Invitation;
import app.rapport.invitation.InvitationAcceptance;
import app.rapport.invitation.InvitationProperties;
import app.rapport.invitation.InvitationPurpose;
import app.rapport.invitation.InvitationStatus;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/join")
@Tag(name = "Joining", description = "What an invited person does with the token from their invitation link")
class JoinApiController {

	private final InvitationAcceptance acceptance;

	private final AttemptLimiter limiter;

	JoinApiController(InvitationAcceptance acceptance, InvitationProperties properties, Clock clock) {
		this.acceptance = acceptance;
		this.limiter = new AttemptLimiter(properties.maxAcceptAttemptsPerIpPerMinute(), clock);
	}

	record TokenRequest(@NotBlank @Size(max = 100) String token) {
	}

	record RegisterRequest(@NotBlank @Size(max = 100) String token, @NotBlank @Size(max = 100) String name,
			@NotBlank @Size(max = 200) String password,
			@AssertTrue(message = "Accept the terms.") boolean acceptTerms) {
	}

	record InvitationSummary(UUID id, String organizationName, String inviterName, InvitationPurpose purpose,
			String email, String name, boolean accountExists, Instant expiresAt) {
	}

	record Outcome(UUID invitationId, InvitationStatus status) {

		static Outcome of(Invitation invitation) {
			return new Outcome(invitation.id().value(), invitation.storedStatus());
		}

	}

	@PostMapping("/lookup")
	@Operation(summary = "What a live invitation is about (410 when the link no longer works)")
	InvitationSummary lookup(@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
		limit(http);
		var open = acceptance.open(request.token())
			.orElseThrow(() -> Problem.gone("This invitation link no longer works."));
		Invitation invitation = open.invitation();
		return new InvitationSummary(invitation.id().value(), open.organizationName(), open.inviterName(),
				invitation.purpose(), invitation.email().value(), invitation.name(), open.accountExists(),
				invitation.expiresAt());
	}

	@PostMapping("/register")
	@Operation(summary = "Create the invited person's account and accept (new people)")
	Outcome register(@Valid @RequestBody RegisterRequest request, HttpServletRequest http) {
		limit(http);
		return Outcome.of(acceptance.register(request.token(), request.name(), request.password()));
	}

	@PostMapping("/accept")
	@Operation(summary = "Accept as the signed-in person, whose email must be the invited one")
	Outcome accept(CurrentUser user, @Valid @RequestBody TokenRequest request, HttpServletRequest http) {
		limit(http);
		return Outcome.of(acceptance.accept(request.token(), user));
	}

	@PostMapping("/decline")
	@Operation(summary = "Decline the invitation")
	Outcome decline(@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
		limit(http);
		return Outcome.of(acceptance.decline(request.token(), null));
	}

	private void limit(HttpServletRequest request) {
		if (!limiter.tryAcquire(request.getRemoteAddr())) {
			throw Problem.tooManyRequests("Too many attempts from your network. Wait a minute and try again.");
		}
	}

}
