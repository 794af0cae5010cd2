package app.rapport.organization.web;

import app.rapport.organization.Organization;
import app.rapport.shared.EmailAddress;
import app.rapport.shared.OrganizationRole;
import org.jspecify.annotations.Nullable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

final class OrganizationForms {

	private OrganizationForms() {
	}

	record SignUpForm(
			@NotBlank(message = "Enter your name.") @Size(max = 100,
					message = "A name has at most 100 characters.") String name,
			@NotBlank(message = "Enter your email address.") @Size(max = EmailAddress.MAX_LENGTH,
					message = "An email address has at most 254 characters.") String email,
			@NotBlank(message = "Choose a password.") @Size(max = 200,
					message = "That password is too long.") String password,
			@NotBlank(message = "Enter the name of your coaching business.") @Size(max = Organization.MAX_NAME_LENGTH,
					message = "A name has at most 120 characters.") String organizationName) {
	}

	record OrganizationForm(
			@NotBlank(message = "Enter the organization's name.") @Size(max = Organization.MAX_NAME_LENGTH,
					message = "A name has at most 120 characters.") String name,
			@Nullable @Min(value = 1, message = "Invitations work for at least 1 day.") @Max(value = 90,
					message = "Invitations work for at most 90 days.") Integer invitationValidityDays) {
	}

	/** Closing an organization is confirmed by typing its name. */
	record CloseForm(
			@jakarta.validation.constraints.Size(max = 1000) @org.jspecify.annotations.Nullable String confirmation) {

		String typed() {
			return confirmation == null ? "" : confirmation;
		}

	}

	record RoleForm(@NotNull(message = "Choose a role.") OrganizationRole role) {
	}

}
