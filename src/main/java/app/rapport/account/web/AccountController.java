package app.rapport.account.web;

import java.security.Principal;
import java.util.UUID;

import app.rapport.account.Accounts;
import app.rapport.account.ApiTokens;
import app.rapport.account.Passwords;
import app.rapport.account.PasswordPolicy;
import app.rapport.account.web.AccountForms.ApiTokenForm;
import app.rapport.account.web.AccountForms.ChangePasswordForm;
import app.rapport.account.web.AccountForms.ForgotPasswordForm;
import app.rapport.account.web.AccountForms.ProfileForm;
import app.rapport.account.web.AccountForms.ResetPasswordForm;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.EmailAddress;
import app.rapport.shared.FieldProblem;
import app.rapport.shared.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class AccountController {

	private static final String LAST_EMAIL = "rapport.signIn.lastEmail";

	private final Accounts accounts;

	private final Passwords passwords;

	private final ApiTokens apiTokens;

	AccountController(Accounts accounts, Passwords passwords, ApiTokens apiTokens) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.apiTokens = apiTokens;
	}

	@GetMapping("/sign-in")
	String signIn(@Nullable Principal user, HttpServletRequest request, HttpServletResponse response, Model model) {
		if (user != null) {
			return "redirect:/app";
		}
		HttpSession session = request.getSession(false);
		Object lastEmail = session == null ? null : session.getAttribute(LAST_EMAIL);
		model.addAttribute("email", lastEmail == null ? "" : lastEmail);
		var saved = new HttpSessionRequestCache().getRequest(request, response);
		model.addAttribute("joining", saved != null && saved.getRedirectUrl().contains("/join/confirm"));
		return "account/sign-in";
	}

	@GetMapping("/password/forgot")
	String forgotPassword(Model model) {
		model.addAttribute("form", new ForgotPasswordForm(""));
		return "account/forgot-password";
	}

	@PostMapping("/password/forgot")
	String requestReset(@Valid @ModelAttribute("form") ForgotPasswordForm form, BindingResult result, Model model) {
		if (!result.hasErrors() && !EmailAddress.isValid(form.email())) {
			result.rejectValue("email", "invalid", "Enter a valid email address, like name@example.com.");
		}
		if (result.hasErrors()) {
			return "account/forgot-password";
		}
		passwords.requestReset(new EmailAddress(form.email()));
		model.addAttribute("email", form.email());
		return "account/reset-requested";
	}

	@GetMapping("/password/reset")
	String resetPassword(@RequestParam(defaultValue = "") String token, Model model) {
		if (token.isBlank() || token.length() > 200 || !passwords.isResetTokenValid(token)) {
			return "account/reset-expired";
		}
		model.addAttribute("form", new ResetPasswordForm(token, ""));
		model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
		return "account/reset-password";
	}

	@PostMapping("/password/reset")
	String reset(@Valid @ModelAttribute("form") ResetPasswordForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
		if (result.hasErrors()) {
			return "account/reset-password";
		}
		try {
			PasswordPolicy.check(form.password());
		}
		catch (IllegalArgumentException ex) {
			result.rejectValue("password", "policy", ex.getMessage());
			return "account/reset-password";
		}
		try {
			passwords.reset(form.token(), form.password());
		}
		catch (Problem ex) {
			return "account/reset-expired";
		}
		redirect.addFlashAttribute("flash", "Your password was changed. Sign in with the new one.");
		return "redirect:/sign-in";
	}

	@GetMapping("/verify-email")
	String verifyEmail(@RequestParam(defaultValue = "") String token, Model model, @Nullable Principal user,
			RedirectAttributes redirect) {
		boolean verified = !token.isBlank() && token.length() <= 200 && accounts.verifyEmail(token).isPresent();
		if (!verified) {
			return "account/verify-failed";
		}
		redirect.addFlashAttribute("flash", "Thank you, your email address is confirmed.");
		return user != null ? "redirect:/app" : "redirect:/sign-in?verified";
	}

	@PostMapping("/account/verification")
	String resendVerification(CurrentUser user, RedirectAttributes redirect) {
		accounts.resendVerification(user.accountId());
		redirect.addFlashAttribute("flash", "We sent a new confirmation link to " + user.email() + ".");
		return "redirect:/account";
	}

	@GetMapping("/account")
	String account(CurrentUser user, Model model) {
		model.addAttribute("profile", new ProfileForm(user.displayName()));
		model.addAttribute("password", new ChangePasswordForm("", ""));
		model.addAttribute("tokenForm", new ApiTokenForm(""));
		return accountPage(user, model);
	}

	private String accountPage(CurrentUser user, Model model) {
		model.addAttribute("tokens", apiTokens.list(user.accountId()));
		model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
		model.addAttribute("passwordPolicy", "At least " + PasswordPolicy.MIN_LENGTH + " characters.");
		return "account/account";
	}

	@PostMapping("/account/profile")
	String updateProfile(CurrentUser user, @Valid @ModelAttribute("profile") ProfileForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			try {
				accounts.rename(user.accountId(), form.displayName());
				redirect.addFlashAttribute("flash", "Your name was saved.");
				return "redirect:/account";
			}
			catch (IllegalArgumentException ex) {
				result.rejectValue("displayName", "invalid", ex.getMessage());
			}
		}
		model.addAttribute("password", new ChangePasswordForm("", ""));
		model.addAttribute("tokenForm", new ApiTokenForm(""));
		return accountPage(user, model);
	}

	@PostMapping("/account/password")
	String changePassword(CurrentUser user, @Valid @ModelAttribute("password") ChangePasswordForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			try {
				passwords.change(user.accountId(), form.currentPassword(), form.newPassword());
				redirect.addFlashAttribute("flash", "Your password was changed.");
				return "redirect:/account";
			}
			catch (FieldProblem ex) {
				result.rejectValue(ex.field(), "invalid", ex.getMessage());
			}
		}
		model.addAttribute("profile", new ProfileForm(user.displayName()));
		model.addAttribute("tokenForm", new ApiTokenForm(""));
		return accountPage(user, model);
	}

	@PostMapping("/account/api-tokens")
	String createToken(CurrentUser user, @Valid @ModelAttribute("tokenForm") ApiTokenForm form, BindingResult result,
			Model model) {
		if (!result.hasErrors()) {
			try {
				model.addAttribute("createdToken",
						apiTokens.create(user.accountId(), user.requireOrganization(), form.name()));
				model.addAttribute("tokenForm", new ApiTokenForm(""));
			}
			catch (Problem ex) {
				result.rejectValue("name", "invalid", ex.getMessage());
			}
		}
		model.addAttribute("profile", new ProfileForm(user.displayName()));
		model.addAttribute("password", new ChangePasswordForm("", ""));
		return accountPage(user, model);
	}

	@PostMapping("/account/api-tokens/{id}/revoke")
	String revokeToken(CurrentUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		apiTokens.revoke(user.accountId(), id);
		redirect.addFlashAttribute("flash", "The token was revoked.");
		return "redirect:/account";
	}

}
