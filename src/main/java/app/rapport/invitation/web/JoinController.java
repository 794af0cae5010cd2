package app.rapport.invitation.web;

import java.time.Clock;
import java.security.Principal;
import java.util.Objects;

import app.rapport.account.CurrentUsers;
import app.rapport.account.PasswordPolicy;
import app.rapport.account.SignIn;
import app.rapport.invitation.Invitation;
import app.rapport.invitation.InvitationAcceptance;
import app.rapport.invitation.InvitationAcceptance.OpenInvitation;
import app.rapport.invitation.InvitationProperties;
import app.rapport.invitation.InvitationPurpose;
import app.rapport.shared.AccountId;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.PlainText;
import app.rapport.shared.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages behind an invitation link: registration for new people, sign-in and
 * confirmation for existing accounts, a clear page for the wrong account or a dead link,
 * and declining.
 */
@Controller
class JoinController {

	private final InvitationAcceptance acceptance;

	private final CurrentUsers currentUsers;

	private final SignIn signIn;

	private final AttemptLimiter limiter;

	JoinController(InvitationAcceptance acceptance, CurrentUsers currentUsers, SignIn signIn,
			InvitationProperties properties, Clock clock) {
		this.acceptance = acceptance;
		this.currentUsers = currentUsers;
		this.signIn = signIn;
		this.limiter = new AttemptLimiter(properties.maxAcceptAttemptsPerIpPerMinute(), clock);
	}

	record RegistrationForm(@Size(max = 100) String token,
			@NotBlank(message = "Enter your name.") @Size(max = 100,
					message = "A name has at most 100 characters.") String name,
			@NotBlank(message = "Choose a password.") @Size(max = 200,
					message = "That password is too long.") String password,
			@AssertTrue(message = "Accept the terms to continue.") boolean acceptTerms) {
	}

	@GetMapping("/join")
	String open(@RequestParam(defaultValue = "") String token, HttpServletRequest request, Model model,
			HttpServletResponse response) {
		limit(request);
		OpenInvitation open = acceptance.open(token).orElse(null);
		if (open == null) {
			response.setStatus(410);
			return "invitation/join-dead";
		}
		model.addAttribute("open", open);
		model.addAttribute("token", token);
		CurrentUser user = currentUsers.current(request).orElse(null);
		if (user != null) {
			return user.email().equals(open.invitation().email()) ? "invitation/join-confirm"
					: "invitation/join-wrong-account";
		}
		if (open.accountExists()) {
			return "invitation/join-sign-in";
		}
		model.addAttribute("form", new RegistrationForm(token, open.invitation().name(), "", false));
		model.addAttribute("passwordHelp", "At least " + PasswordPolicy.MIN_LENGTH + " characters.");
		return "invitation/join-register";
	}

	/**
	 * Reached after signing in (it requires a session), to confirm with the right
	 * account.
	 */
	@GetMapping("/join/confirm")
	String confirm(@RequestParam(defaultValue = "") String token, HttpServletRequest request, Model model,
			HttpServletResponse response) {
		return open(token, request, model, response);
	}

	@PostMapping("/join/register")
	String register(@Valid @ModelAttribute("form") RegistrationForm form, BindingResult result,
			HttpServletRequest request, HttpServletResponse response, Model model, @Nullable Principal principal) {
		limit(request);
		OpenInvitation open = acceptance.open(form.token()).orElse(null);
		if (open == null) {
			response.setStatus(410);
			return "invitation/join-dead";
		}
		check(result, "name", () -> PlainText.line(form.name(), "a name", 100));
		check(result, "password", () -> PasswordPolicy.check(form.password()));
		if (result.hasErrors()) {
			model.addAttribute("open", open);
			model.addAttribute("token", form.token());
			model.addAttribute("passwordHelp", "At least " + PasswordPolicy.MIN_LENGTH + " characters.");
			return "invitation/join-register";
		}
		Invitation accepted = acceptance.register(form.token(), form.name(), form.password());
		signIn.signIn(accountOf(accepted), request, response);
		return "redirect:" + destination(accepted);
	}

	@PostMapping("/join/accept")
	String accept(@RequestParam String token, CurrentUser user) {
		Invitation accepted = acceptance.accept(token, user);
		return "redirect:" + destination(accepted);
	}

	@PostMapping("/join/decline")
	String decline(@RequestParam String token, HttpServletRequest request, Model model) {
		limit(request);
		Invitation declined = acceptance.decline(token, currentUsers.current(request).orElse(null));
		model.addAttribute("invitation", declined);
		return "invitation/join-declined";
	}

	private static AccountId accountOf(Invitation accepted) {
		return Objects.requireNonNull(accepted.respondedBy(), "accepted invitations have a respondent");
	}

	private static String destination(Invitation invitation) {
		return switch (invitation.purpose()) {
			case COLLEAGUE -> "/app?joined";
			case PROGRAM_MEMBER -> "/my-community?joined";
			default -> "/my-coaching?joined";
		};
	}

	private void limit(HttpServletRequest request) {
		if (!limiter.tryAcquire(request.getRemoteAddr())) {
			throw Problem.tooManyRequests("Too many attempts from your network. Wait a minute and try again.");
		}
	}

	private static void check(BindingResult result, String field, Runnable rule) {
		if (result.hasFieldErrors(field)) {
			return;
		}
		try {
			rule.run();
		}
		catch (IllegalArgumentException ex) {
			result.rejectValue(field, "invalid", ex.getMessage());
		}
	}

}
