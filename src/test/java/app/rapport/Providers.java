package app.rapport;

import java.util.UUID;

import app.rapport.account.Accounts;
import app.rapport.account.ApiTokens;
import app.rapport.organization.Organizations;
import app.rapport.organization.ProviderSignUp;
import app.rapport.shared.AccountId;
import app.rapport.shared.EmailAddress;
import app.rapport.shared.OrganizationId;
import app.rapport.shared.OrganizationRole;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Test fixtures in the product's words: coaching businesses with their owners and
 * members.
 */
@Component
public class Providers {

	public static final String PASSWORD = "correct horse battery";

	private final ProviderSignUp signUp;

	private final Accounts accounts;

	private final Organizations organizations;

	private final JdbcClient jdbc;

	private final ApiTokens apiTokens;

	Providers(ProviderSignUp signUp, Accounts accounts, Organizations organizations, JdbcClient jdbc,
			ApiTokens apiTokens) {
		this.apiTokens = apiTokens;
		this.signUp = signUp;
		this.accounts = accounts;
		this.organizations = organizations;
		this.jdbc = jdbc;
	}

	public static String uniqueEmail(String who) {
		return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

	/** A coaching business whose owner has confirmed their email. */
	public Provider provider(String name) {
		String email = uniqueEmail("owner");
		signUp.signUp("Olivia Owner", new EmailAddress(email), PASSWORD, name);
		AccountId owner = accounts.findByEmail(new EmailAddress(email)).orElseThrow().id();
		jdbc.sql("update account set email_verified_at = now() where id = ?").param(owner.value()).update();
		OrganizationId organization = organizations.membershipsOf(owner).getFirst().organizationId();
		return new Provider(organization, owner, email);
	}

	/**
	 * A person with an account and a confirmed email who joins the organization with the
	 * given role.
	 */
	public Person member(Provider provider, OrganizationRole role) {
		Person person = person(role.label());
		organizations.addMember(provider.id(), person.id(), role);
		return person;
	}

	/** A person with an account (confirmed email) and no organization. */
	public Person person(String name) {
		String email = uniqueEmail(name.toLowerCase());
		AccountId id = accounts.register(name + " Person", new EmailAddress(email), PASSWORD).orElseThrow();
		jdbc.sql("update account set email_verified_at = now() where id = ?").param(id.value()).update();
		return new Person(id, email);
	}

	/**
	 * The newest link of the given kind emailed to the address (read from the outbox
	 * model).
	 */
	public String lastLink(String email, String modelKey) {
		return jdbc.sql(
				"select model->>? from email_outbox where recipient = ? and model->>? is not null order by created_at desc limit 1")
			.params(modelKey, email, modelKey)
			.query(String.class)
			.single();
	}

	/**
	 * An API client acting as the person in the provider's organization (a fresh bearer
	 * token).
	 */
	public RapportClient apiAs(int port, Provider provider, AccountId person) {
		return new RapportClient(port).withBearer(apiTokens.create(person, provider.id(), "test").token());
	}

	/** The API client of the provider's owner. */
	public RapportClient ownerApi(int port, Provider provider) {
		return apiAs(port, provider, provider.owner());
	}

	/**
	 * The path of the newest invitation link emailed to the address, e.g.
	 * {@code /join?token=…}.
	 */
	public String acceptPath(String email) {
		String link = lastLink(email, "acceptUrl");
		return link.substring(link.indexOf("/join"));
	}

	/** The id of the provider's New Members program. */
	public String newMembers(Provider provider) {
		return jdbc.sql("select id::text from program where organization_id = ? and is_default")
			.param(provider.id().value())
			.query(String.class)
			.single();
	}

	/**
	 * The JSON body of + Invite through the API, for people given as name, email and role
	 * in turn.
	 */
	public static String programInvitation(String... nameEmailRole) {
		StringBuilder people = new StringBuilder();
		for (int i = 0; i < nameEmailRole.length; i += 3) {
			people.append(i == 0 ? "" : ",")
				.append("{\"name\":\"%s\",\"email\":\"%s\",\"role\":\"%s\"}".formatted(nameEmailRole[i],
						nameEmailRole[i + 1], nameEmailRole[i + 2]));
		}
		return "{\"people\":[" + people + "]}";
	}

	/** The token of an invitation link path. */
	public static String tokenOf(String path) {
		return path.substring(path.indexOf("token=") + 6);
	}

	public record Provider(OrganizationId id, AccountId owner, String ownerEmail) {
	}

	public record Person(AccountId id, String email) {
	}

}
