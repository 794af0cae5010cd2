package app.rapport.account.web;

import java.util.List;
import java.util.UUID;

import app.rapport.account.Accounts;
import app.rapport.account.ApiTokens;
import app.rapport.account.Passwords;
import app.rapport.account.web.AccountForms.ApiTokenForm;
import app.rapport.account.web.AccountForms.ChangePasswordForm;
import app.rapport.account.web.AccountForms.ForgotPasswordForm;
import app.rapport.account.web.AccountForms.ProfileForm;
import app.rapport.account.web.AccountForms.ResetPasswordForm;
import app.rapport.account.web.AccountForms.VerifyEmailRequest;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.EmailAddress;
import app.rapport.shared.OrganizationRole;
import app.rapport.shared.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Account", description = "The signed-in person, passwords and API tokens")
class AccountApiController {

	private final Accounts accounts;

	private final Passwords passwords;

	private final ApiTokens apiTokens;

	AccountApiController(Accounts accounts, Passwords passwords, ApiTokens apiTokens) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.apiTokens = apiTokens;
	}

	@GetMapping("/me")
	@Operation(summary = "The signed-in person and the organization the request works in")
	Me me(CurrentUser user) {
		return Me.of(user);
	}

	@PatchMapping("/me")
	@Operation(summary = "Change your display name")
	Me rename(CurrentUser user, @Valid @RequestBody ProfileForm request) {
		accounts.rename(user.accountId(), request.displayName());
		return new Me(user.accountId().value(), user.email().value(), request.displayName().strip(),
				user.emailVerified(), user.organizationId() == null ? null : user.organizationId().value(),
				user.organizationName(), user.role());
	}

	@PostMapping("/me/password")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Change your password (needs the current one)")
	void changePassword(CurrentUser user, @Valid @RequestBody ChangePasswordForm request) {
		passwords.change(user.accountId(), request.currentPassword(), request.newPassword());
	}

	@PostMapping("/me/email-verification")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Send the email confirmation link again")
	void resendVerification(CurrentUser user) {
		accounts.resendVerification(user.accountId());
	}

	@PostMapping("/email-verifications")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Confirm an email address with the token from the emailed link")
	void verify(@Valid @RequestBody VerifyEmailRequest request) {
		accounts.verifyEmail(request.token())
			.orElseThrow(() -> Problem.invalid("This confirmation link has expired or was already used."));
	}

	@PostMapping("/password-resets")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(
			summary = "Email a password reset link (the answer is the same whether or not the address has an account)")
	void requestReset(@Valid @RequestBody ForgotPasswordForm request) {
		passwords.requestReset(new EmailAddress(request.email()));
	}

	@PostMapping("/password-resets/confirm")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Set a new password with the token from the emailed link")
	void reset(@Valid @RequestBody ResetPasswordForm request) {
		passwords.reset(request.token(), request.password());
	}

	@GetMapping("/me/api-tokens")
	@Operation(summary = "Your active API tokens (without their secrets)")
	List<ApiTokens.TokenInfo> tokens(CurrentUser user) {
		return apiTokens.list(user.accountId());
	}

	@PostMapping("/me/api-tokens")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create an API token for the current organization; its secret is returned only now")
	ApiTokens.CreatedToken createToken(CurrentUser user, @Valid @RequestBody ApiTokenForm request) {
		return apiTokens.create(user.accountId(), user.requireOrganization(), request.name());
	}

	@DeleteMapping("/me/api-tokens/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Revoke an API token")
	void revokeToken(CurrentUser user, @PathVariable UUID id) {
		apiTokens.revoke(user.accountId(), id);
	}

	record Me(UUID id, String email, String displayName, boolean emailVerified, @Nullable UUID organizationId,
			@Nullable String organizationName, @Nullable OrganizationRole role) {

		static Me of(CurrentUser user) {
			return new Me(user.accountId().value(), user.email().value(), user.displayName(), user.emailVerified(),
					user.organizationId() == null ? null : user.organizationId().value(), user.organizationName(),
					user.role());
		}

	}

}
