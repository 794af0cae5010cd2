package app.rapport.account.web;

import app.rapport.shared.EmailAddress;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Forms and API requests of the account pages. */
final class AccountForms {

	private AccountForms() {
	}

	record ForgotPasswordForm(@NotBlank(message = "Enter your email address.") @Size(max = EmailAddress.MAX_LENGTH,
			message = "An email address has at most 254 characters.") String email) {
	}

	record ResetPasswordForm(@NotBlank @Size(max = 200) String token,
			@NotBlank(message = "Choose a new password.") @Size(max = 200,
					message = "That password is too long.") String password) {
	}

	record ChangePasswordForm(
			@NotBlank(message = "Enter your current password.") @Size(max = 200) String currentPassword,
			@NotBlank(message = "Choose a new password.") @Size(max = 200,
					message = "That password is too long.") String newPassword) {
	}

	record ProfileForm(@NotBlank(message = "Enter your name.") @Size(max = 100,
			message = "A name has at most 100 characters.") String displayName) {
	}

	record ApiTokenForm(@NotBlank(message = "Give the token a name.") @Size(max = 100,
			message = "A token name has at most 100 characters.") String name) {
	}

	record VerifyEmailRequest(@NotBlank @Size(max = 200) String token) {
	}

}
