package app.rapport.organization.web;

import java.security.Principal;

import app.rapport.account.PasswordPolicy;
import app.rapport.organization.ProviderSignUp;
import app.rapport.organization.web.OrganizationForms.SignUpForm;
import app.rapport.shared.EmailAddress;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

@Controller
class SignUpController {

	private final ProviderSignUp signUp;

	SignUpController(ProviderSignUp signUp) {
		this.signUp = signUp;
	}

	@GetMapping("/sign-up")
	String form(@Nullable Principal principal, Model model) {
		if (principal != null) {
			return "redirect:/app";
		}
		model.addAttribute("form", new SignUpForm("", "", "", ""));
		return page(model);
	}

	@PostMapping("/sign-up")
	String signUp(@Valid @ModelAttribute("form") SignUpForm form, BindingResult result, Model model) {
		SignUpValidation.check(form, result);
		if (result.hasErrors()) {
			return page(model);
		}
		signUp.signUp(form.name(), new EmailAddress(form.email()), form.password(), form.organizationName());
		model.addAttribute("email", form.email().strip());
		return "organization/signed-up";
	}

	private static String page(Model model) {
		model.addAttribute("passwordHelp", "At least " + PasswordPolicy.MIN_LENGTH + " characters.");
		return "organization/sign-up";
	}

}
