package app.rapport.organization.web;

import java.util.List;
import java.util.UUID;

import app.rapport.organization.Member;
import app.rapport.organization.Organization;
import app.rapport.organization.Organizations;
import app.rapport.organization.ProviderSignUp;
import app.rapport.organization.web.OrganizationForms.OrganizationForm;
import app.rapport.organization.web.OrganizationForms.RoleForm;
import app.rapport.organization.web.OrganizationForms.SignUpForm;
import app.rapport.shared.AccountId;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.EmailAddress;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.validation.BeanPropertyBindingResult;
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
@Tag(name = "Organization", description = "Sign-up, the current organization and its members")
class OrganizationApiController {

	private final Organizations organizations;

	private final ProviderSignUp signUp;

	OrganizationApiController(Organizations organizations, ProviderSignUp signUp) {
		this.organizations = organizations;
		this.signUp = signUp;
	}

	@PostMapping("/sign-up")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Sign up a coaching business; a confirmation link is emailed (same answer for a taken email)")
	void signUp(@Valid @RequestBody SignUpForm request) {
		var errors = new BeanPropertyBindingResult(request, "request");
		SignUpValidation.check(request, errors);
		if (errors.hasErrors()) {
			throw new IllegalArgumentException(errors.getFieldErrors().getFirst().getDefaultMessage());
		}
		signUp.signUp(request.name(), new EmailAddress(request.email()), request.password(),
				request.organizationName());
	}

	@GetMapping("/organization")
	@Operation(summary = "The organization the request works in")
	Organization organization(CurrentUser user) {
		return organizations.current(user);
	}

	@PatchMapping("/organization")
	@Operation(summary = "Rename the organization and set how long its invitations work (owners and admins)")
	Organization rename(CurrentUser user, @Valid @RequestBody OrganizationForm request) {
		return organizations.updateSettings(user, request.name(), request.invitationValidityDays());
	}

	@PostMapping("/organization/close")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Close the organization for good (owners; confirm with its exact name): members lose "
			+ "access, pending invitations stop working")
	void close(CurrentUser user, @Valid @RequestBody OrganizationForms.CloseForm request) {
		organizations.close(user, request.typed());
	}

	@GetMapping("/organization/members")
	@Operation(summary = "Members of the organization with their roles")
	List<Member> members(CurrentUser user) {
		return organizations.members(user);
	}

	@PatchMapping("/organization/members/{accountId}")
	@Operation(summary = "Change a member's role (owners; never removes the last owner)")
	Member changeRole(CurrentUser user, @PathVariable UUID accountId, @Valid @RequestBody RoleForm request) {
		AccountId member = new AccountId(accountId);
		organizations.changeRole(user, member, request.role());
		return organizations.members(user).stream().filter(m -> m.accountId().equals(member)).findFirst().orElseThrow();
	}

	@DeleteMapping("/organization/members/{accountId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Remove a member (owners; never the last owner)")
	void remove(CurrentUser user, @PathVariable UUID accountId) {
		organizations.removeMember(user, new AccountId(accountId));
	}

	@GetMapping("/organizations")
	@Operation(summary = "Every organization you belong to")
	List<Organizations.MembershipSummary> memberships(CurrentUser user) {
		return organizations.membershipsOf(user.accountId());
	}

}
