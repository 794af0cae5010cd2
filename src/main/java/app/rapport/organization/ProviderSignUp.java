package app.rapport.organization;

import app.rapport.account.Accounts;
import app.rapport.shared.EmailAddress;
import app.rapport.shared.OrganizationRole;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A coaching business signs up: its owner's account and a {@code PROVIDER} organization
 * are created together. When the email already has an account nothing is created and the
 * caller cannot tell (see {@link Accounts#register}).
 */
@Service
public class ProviderSignUp {

	private final Accounts accounts;

	private final Organizations organizations;

	ProviderSignUp(Accounts accounts, Organizations organizations) {
		this.accounts = accounts;
		this.organizations = organizations;
	}

	@Transactional
	public void signUp(String name, EmailAddress email, String password, String organizationName) {
		String orgName = Organization.cleanName(organizationName);
		accounts.register(name, email, password)
			.ifPresent(
					owner -> organizations.create(OrganizationKind.PROVIDER, orgName, owner, OrganizationRole.OWNER));
	}

}
