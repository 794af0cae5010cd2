package app.rapport.account;

import java.util.Optional;

import app.rapport.shared.AccountId;
import app.rapport.shared.OrganizationId;
import app.rapport.shared.OrganizationRole;
import org.jspecify.annotations.Nullable;

/**
 * Tells which organization a signed-in person works in and with which role. Implemented
 * by the organization module, so accounts need not know about organizations.
 */
public interface MembershipDirectory {

	/**
	 * The membership to use for a request: the preferred organization when the person
	 * belongs to it, otherwise their oldest membership, or empty when they belong to
	 * none.
	 */
	Optional<ActiveMembership> activeMembership(AccountId accountId, @Nullable OrganizationId preferred);

	/** Every organization the person belongs to (for audit entries about them). */
	java.util.List<OrganizationId> organizationsOf(AccountId accountId);

	record ActiveMembership(OrganizationId organizationId, String organizationName, OrganizationRole role) {
	}

}
