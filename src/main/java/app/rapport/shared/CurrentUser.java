package app.rapport.shared;

import org.jspecify.annotations.Nullable;

/**
 * The signed-in person as seen by one request: their account and the organization they
 * are working in (with their role there), or no organization when they belong to none.
 * Resolved per request, so a role change takes effect at once.
 */
public record CurrentUser(AccountId accountId, EmailAddress email, String displayName, boolean emailVerified,
		@Nullable OrganizationId organizationId, @Nullable String organizationName, @Nullable OrganizationRole role) {

	public boolean hasOrganization() {
		return organizationId != null;
	}

	public boolean isAdmin() {
		return role != null && role.canAdminister();
	}

	public boolean isOwner() {
		return role == OrganizationRole.OWNER;
	}

	/**
	 * The organization the request works in, or a 403 when the person belongs to none.
	 */
	public OrganizationId requireOrganization() {
		if (organizationId == null) {
			throw new AccessDeniedProblem("You are not a member of an organization.");
		}
		return organizationId;
	}

	/**
	 * The organization the request works in, or a 403 when the person is not one of its
	 * admins.
	 */
	public OrganizationId requireAdmin() {
		OrganizationId id = requireOrganization();
		if (!isAdmin()) {
			throw new AccessDeniedProblem("Only organization owners and admins can do this.");
		}
		return id;
	}

}
