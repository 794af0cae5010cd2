package app.rapport.organization.web;

import app.rapport.account.DisplayName;
import app.rapport.account.PasswordPolicy;
import app.rapport.organization.Organization;
import app.rapport.organization.web.OrganizationForms.SignUpForm;
import app.rapport.shared.EmailAddress;
import org.springframework.validation.Errors;

/** Applies the domain rules to a sign-up form so each error appears next to its field. */
final class SignUpValidation {

	private SignUpValidation() {
	}

	static void check(SignUpForm form, Errors errors) {
		rule(errors, "name", () -> DisplayName.clean(form.name()));
		rule(errors, "email", () -> new EmailAddress(form.email()));
		rule(errors, "password", () -> PasswordPolicy.check(form.password()));
		rule(errors, "organizationName", () -> Organization.cleanName(form.organizationName()));
	}

	private static void rule(Errors errors, String field, Runnable check) {
		if (errors.hasFieldErrors(field)) {
			return;
		}
		try {
			check.run();
		}
		catch (IllegalArgumentException ex) {
			errors.rejectValue(field, "invalid", ex.getMessage());
		}
	}

}
