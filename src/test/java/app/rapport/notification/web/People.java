package app.rapport.notification.web;

import java.util.UUID;

import app.rapport.account.Accounts;
import app.rapport.account.ApiTokens;
import app.rapport.organization.Organizations;
import app.rapport.organization.ProviderSignUp;
import app.rapport.shared.AccountId;
import app.rapport.shared.EmailAddress;
import app.rapport.shared.OrganizationId;
import org.springframework.stereotype.Component;

/** Signs up provider owners for tests, each with an API token for their organization. */
@Component
class People {

	private final ProviderSignUp signUp;

	private final Accounts accounts;

	private final Organizations organizations;

	private final ApiTokens tokens;

	People(ProviderSignUp signUp, Accounts accounts, Organizations organizations, ApiTokens tokens) {
		this.signUp = signUp;
		this.accounts = accounts;
		this.organizations = organizations;
		this.tokens = tokens;
	}

	Person providerOwner(String name) {
		EmailAddress email = new EmailAddress(name.toLowerCase() + "-" + UUID.randomUUID() + "@example.com");
		signUp.signUp(name, email, "correct horse battery", name + " Coaching");
		AccountId id = accounts.findByEmail(email).orElseThrow().id();
		OrganizationId organization = organizations.membershipsOf(id).getFirst().organizationId();
		return new Person(id, organization, email, tokens.create(id, organization, "test").token());
	}

	record Person(AccountId id, OrganizationId organization, EmailAddress email, String token) {

		String bearer() {
			return "Bearer " + token;
		}

	}

}
