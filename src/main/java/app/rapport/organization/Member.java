package app.rapport.organization;

import java.time.Instant;

import app.rapport.shared.AccountId;
import app.rapport.shared.OrganizationRole;

/**
 * A person's membership in an organization, with what the member list shows about them.
 */
public record Member(AccountId accountId, String displayName, String email, OrganizationRole role, Instant since) {
}
