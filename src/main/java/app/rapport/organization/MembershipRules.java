package app.rapport.organization;

import app.rapport.shared.AccessDeniedProblem;
import app.rapport.shared.OrganizationRole;
import app.rapport.shared.Problem;

/**
 * The rules for changing who holds which role. Owners manage roles; nobody grants a role
 * above their own; an organization never loses its last owner.
 */
final class MembershipRules {

	private MembershipRules() {
	}

	static void checkRoleChange(OrganizationRole actor, OrganizationRole from, OrganizationRole to, long owners) {
		if (actor != OrganizationRole.OWNER) {
			throw new AccessDeniedProblem("Only an owner can change roles.");
		}
		if (!actor.isAtLeast(to)) {
			throw new AccessDeniedProblem("You cannot grant a role above your own.");
		}
		if (to == OrganizationRole.EMPLOYEE) {
			throw Problem.invalid("Provider members are owners, admins or coaches.");
		}
		if (from == OrganizationRole.OWNER && to != OrganizationRole.OWNER && owners <= 1) {
			throw Problem.conflict("An organization needs at least one owner. Make someone else owner first.");
		}
	}

	static void checkRemoval(OrganizationRole actor, OrganizationRole target, long owners) {
		if (actor != OrganizationRole.OWNER) {
			throw new AccessDeniedProblem("Only an owner can remove members.");
		}
		if (target == OrganizationRole.OWNER && owners <= 1) {
			throw Problem.conflict("You cannot remove the last owner of an organization.");
		}
	}

}
