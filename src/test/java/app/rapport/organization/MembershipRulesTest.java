package app.rapport.organization;

import app.rapport.shared.AccessDeniedProblem;
import app.rapport.shared.Problem;
import org.junit.jupiter.api.Test;

import static app.rapport.shared.OrganizationRole.ADMIN;
import static app.rapport.shared.OrganizationRole.COACH;
import static app.rapport.shared.OrganizationRole.EMPLOYEE;
import static app.rapport.shared.OrganizationRole.OWNER;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MembershipRulesTest {

	@Test
	void anOwnerCanPromoteACoachToAdmin() {
		assertThatCode(() -> MembershipRules.checkRoleChange(OWNER, COACH, ADMIN, 1)).doesNotThrowAnyException();
	}

	@Test
	void anAdminCannotChangeRoles() {
		assertThatThrownBy(() -> MembershipRules.checkRoleChange(ADMIN, COACH, ADMIN, 1))
			.isInstanceOf(AccessDeniedProblem.class);
	}

	@Test
	void theLastOwnerCannotBeDemoted() {
		assertThatThrownBy(() -> MembershipRules.checkRoleChange(OWNER, OWNER, ADMIN, 1)).isInstanceOf(Problem.class)
			.hasMessageContaining("at least one owner");
	}

	@Test
	void anOwnerCanBeDemotedWhenAnotherOwnerRemains() {
		assertThatCode(() -> MembershipRules.checkRoleChange(OWNER, OWNER, COACH, 2)).doesNotThrowAnyException();
	}

	@Test
	void providerMembersCannotBecomeEmployees() {
		assertThatThrownBy(() -> MembershipRules.checkRoleChange(OWNER, COACH, EMPLOYEE, 1))
			.isInstanceOf(Problem.class);
	}

	@Test
	void theLastOwnerCannotBeRemoved() {
		assertThatThrownBy(() -> MembershipRules.checkRemoval(OWNER, OWNER, 1)).isInstanceOf(Problem.class)
			.hasMessageContaining("last owner");
	}

	@Test
	void onlyOwnersRemoveMembers() {
		assertThatThrownBy(() -> MembershipRules.checkRemoval(ADMIN, COACH, 1)).isInstanceOf(AccessDeniedProblem.class);
		assertThatCode(() -> MembershipRules.checkRemoval(OWNER, COACH, 1)).doesNotThrowAnyException();
	}

}
