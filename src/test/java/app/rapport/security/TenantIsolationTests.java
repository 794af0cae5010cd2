package app.rapport.security;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.rapport.Providers;
import app.rapport.Providers.Person;
import app.rapport.Providers.Provider;
import app.rapport.RapportClient;
import app.rapport.TestDatabases;
import app.rapport.account.ApiTokens;
import app.rapport.notification.Notifications;
import app.rapport.shared.AccountId;
import app.rapport.shared.OrganizationId;
import app.rapport.shared.OrganizationRole;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenant isolation, route by route. Every route of the application is discovered from the
 * handler mappings and must have a rule here; each route that takes an identifier is
 * called by every other actor with the victim's identifiers and must answer 401/403/404
 * (or send an anonymous page visitor to sign-in) and change nothing; every list or page
 * without an identifier must not show the victim's data to anyone else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTests {

	private static final Logger log = LoggerFactory.getLogger(TenantIsolationTests.class);

	enum Kind {

		/** Works without signing in and shows nobody's tenant data. */
		PUBLIC,
		/**
		 * Acts only on the caller's own account or organization: no identifier can point
		 * elsewhere.
		 */
		OWN,
		/** Takes identifiers of tenant data: called with the victim's. */
		FOREIGN,
		/**
		 * Identity comes from a secret token in the request (invitation, verification and
		 * reset links).
		 */
		TOKEN,
		/** The developer mailbox: loopback only, and off in production. */
		DEV

	}

	record Rule(Kind kind, Map<String, String> form, String json) {
	}

	static final Map<String, Rule> RULES = new LinkedHashMap<>();

	static void rule(Kind kind, String... routes) {
		for (String route : routes) {
			RULES.put(route, new Rule(kind, Map.of(), null));
		}
	}

	static void foreign(String route, Map<String, String> form, String json) {
		RULES.put(route, new Rule(Kind.FOREIGN, form, json));
	}

	static {
		rule(Kind.PUBLIC, "GET /", "GET /sign-in", "GET /sign-up", "POST /sign-up", "GET /password/forgot",
				"POST /password/forgot", "POST /api/v1/sign-up", "POST /api/v1/password-resets");
		rule(Kind.TOKEN, "GET /password/reset", "POST /password/reset", "GET /verify-email",
				"POST /api/v1/email-verifications", "POST /api/v1/password-resets/confirm", "GET /join",
				"GET /join/confirm", "POST /join/register", "POST /join/accept", "POST /join/decline",
				"POST /api/v1/join/lookup", "POST /api/v1/join/register", "POST /api/v1/join/accept",
				"POST /api/v1/join/decline");
		rule(Kind.DEV, "GET /dev/mailbox", "GET /dev/mailbox/api/messages", "GET /dev/mailbox/{id}");
		rule(Kind.OWN, "GET /account", "GET /app", "GET /settings", "GET /community", "GET /engagements",
				"GET /one-to-one", "GET /organizations", "GET /my-coaching", "GET /notifications",
				"GET /notifications/bell", "GET /clients", "GET /clients/import", "GET /clients/new/company",
				"GET /clients/new/individual", "GET /clients/new/individual/row", "GET /invitations",
				"GET /settings/audit", "GET /settings/emails", "GET /settings/members", "GET /settings/members/invite",
				"GET /settings/organization", "GET /api/v1/audit-events", "GET /api/v1/clients", "GET /api/v1/emails",
				"GET /api/v1/invitations", "GET /api/v1/me", "GET /api/v1/me/api-tokens", "GET /api/v1/my-coaching",
				"GET /api/v1/notifications", "GET /api/v1/notifications/unread-count", "GET /api/v1/organization",
				"GET /api/v1/organization/members", "GET /api/v1/organizations", "GET /clients/export",
				"GET /api/v1/clients/export", "GET /community/users", "GET /community/programs/new",
				"GET /community/branding", "GET /my-community", "GET /api/v1/community",
				"GET /api/v1/community/programs", "GET /api/v1/my-community");
		// a community's logo is public like any image in an email, found by its content
		// hash
		rule(Kind.PUBLIC, "GET /community-logos/{organization}/{file}");
		// state changes on the caller's own account or organization (tested in their own
		// suites)
		rule(Kind.OWN, "POST /account/api-tokens", "POST /account/password", "POST /account/profile",
				"POST /account/verification", "PATCH /api/v1/me", "POST /api/v1/me/api-tokens",
				"POST /api/v1/me/email-verification", "POST /api/v1/me/password", "POST /api/v1/notifications/read-all",
				"POST /notifications/read-all", "POST /api/v1/clients/companies", "POST /api/v1/clients/imports",
				"POST /api/v1/clients/individuals", "POST /clients/import", "POST /clients/new/company",
				"POST /clients/new/individual", "POST /settings/members/invite",
				"POST /api/v1/organization/invitations", "POST /settings/organization", "PATCH /api/v1/organization",
				"POST /community/programs/new", "POST /community/branding", "POST /community/branding/logo",
				"POST /community/branding/logo/remove", "PATCH /api/v1/community", "PUT /api/v1/community/logo",
				"DELETE /api/v1/community/logo", "POST /api/v1/community/programs", "POST /settings/organization/close",
				"POST /api/v1/organization/close");
		Map<String, String> none = Map.of();
		foreign("GET /clients/{id}", none, null);
		foreign("GET /clients/{id}/edit", none, null);
		foreign("POST /clients/{id}/edit", Map.of("tags", "stolen"), null);
		foreign("POST /clients/{id}/archive", none, null);
		foreign("POST /clients/{id}/unarchive", none, null);
		foreign("POST /clients/{id}/invitations", Map.of("email", "attacker@example.com"), null);
		foreign("POST /clients/{id}/invitations/{invitation}/resend", none, null);
		foreign("POST /clients/{id}/invitations/{invitation}/revoke", none, null);
		foreign("GET /api/v1/clients/{id}", none, null);
		foreign("PATCH /api/v1/clients/{id}", none, "{\"tags\":\"stolen\"}");
		foreign("POST /api/v1/clients/{id}/archive", none, null);
		foreign("POST /api/v1/clients/{id}/unarchive", none, null);
		foreign("POST /api/v1/clients/{id}/invitations", none, "{\"email\":\"attacker@example.com\"}");
		foreign("POST /api/v1/clients/{id}/invitations/{invitation}/resend", none, null);
		foreign("POST /api/v1/clients/{id}/invitations/{invitation}/revoke", none, null);
		foreign("POST /my-coaching/{id}", Map.of("firstName", "Stolen", "lastName", "Name"), null);
		foreign("PATCH /api/v1/my-coaching/{id}", none, "{\"firstName\":\"Stolen\",\"lastName\":\"Name\"}");
		foreign("GET /clients/import/{id}", none, null);
		foreign("POST /clients/import/{id}/commit", Map.of("invite", "false"), null);
		foreign("GET /api/v1/clients/imports/{id}", none, null);
		foreign("POST /api/v1/clients/imports/{id}/commit?invite=false", none, null);
		foreign("GET /api/v1/invitations/{id}", none, null);
		foreign("POST /api/v1/invitations/{id}/resend", none, null);
		foreign("POST /api/v1/invitations/{id}/revoke", none, null);
		foreign("POST /invitations/{id}/resend", none, null);
		foreign("POST /invitations/{id}/revoke", none, null);
		foreign("POST /invitations/resend", Map.of("ids", "{invitation}"), null);
		foreign("POST /api/v1/invitations/resend", none, "{\"ids\":[\"{invitation}\"]}");
		foreign("POST /settings/members/{accountId}/role", Map.of("role", "COACH"), null);
		foreign("POST /settings/members/{accountId}/remove", none, null);
		foreign("PATCH /api/v1/organization/members/{accountId}", none, "{\"role\":\"COACH\"}");
		foreign("DELETE /api/v1/organization/members/{accountId}", none, null);
		foreign("GET /notifications/{id}/open", none, null);
		foreign("POST /notifications/{id}/read", none, null);
		foreign("POST /api/v1/notifications/{id}/read", none, null);
		foreign("POST /settings/emails/{id}/retry", none, null);
		foreign("POST /api/v1/emails/{id}/retry", none, null);
		foreign("POST /account/api-tokens/{id}/revoke", none, null);
		foreign("DELETE /api/v1/me/api-tokens/{id}", none, null);
		foreign("POST /organizations/switch", Map.of("organizationId", "{organization}"), null);
		// community: {id} is the victim's program, {accountId} its community-only member
		foreign("GET /community/users/{id}", none, null);
		foreign("GET /community/users/{id}/invite", none, null);
		foreign("POST /community/users/{id}/invite",
				Map.of("name", "Attacker", "email", "attacker@example.com", "role", "COACH"), null);
		foreign("POST /community/users/{id}/members/{accountId}/remove", none, null);
		foreign("GET /community/programs/{id}/edit", none, null);
		foreign("POST /community/programs/{id}/edit", Map.of("name", "Stolen", "description", ""), null);
		foreign("POST /community/programs/{id}/archive", none, null);
		foreign("POST /community/programs/{id}/unarchive", none, null);
		foreign("GET /api/v1/community/programs/{id}", none, null);
		foreign("PATCH /api/v1/community/programs/{id}", none,
				"{\"name\":\"Stolen\",\"description\":\"\",\"coachesInviteDirectly\":true}");
		foreign("POST /api/v1/community/programs/{id}/archive", none, null);
		foreign("POST /api/v1/community/programs/{id}/unarchive", none, null);
		foreign("GET /api/v1/community/programs/{id}/members", none, null);
		foreign("POST /api/v1/community/programs/{id}/invitations", none,
				Providers.programInvitation("Attacker", "attacker@example.com", "COACH"));
		foreign("DELETE /api/v1/community/programs/{id}/members/{accountId}", none, null);
		foreign("GET /my-community/programs/{id}", none, null);
		foreign("GET /api/v1/my-community/programs/{id}", none, null);
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabases.isolate(registry, "rapport_tenant_isolation");
	}

	@LocalServerPort
	int port;

	@Autowired
	Providers providers;

	@Autowired
	ApiTokens apiTokens;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mapping;

	Provider victim;

	final Map<String, String> ids = new LinkedHashMap<>();

	final Map<String, Actor> actors = new LinkedHashMap<>();

	List<String> victimMarkers;

	/**
	 * @param knowsVictim the victim's own coach and the victim's client company may see
	 * the victim's name, never its clients, notes or notifications
	 */
	record Actor(String name, RapportClient pages, RapportClient api, boolean anonymous, boolean sameTenant,
			boolean knowsVictim) {
	}

	@BeforeAll
	void seedTwoProvidersTwoCompaniesACoachACoacheeAndAStranger() {
		victim = providers.provider("Victim Coaching Ltd");
		RapportClient victimApi = api(victim.id(), victim.owner());
		String victimClientEmail = Providers.uniqueEmail("vicky");
		victimApi.api("POST", "/api/v1/clients/individuals",
				"{\"invite\":true,\"clients\":[{\"firstName\":\"Vicky\",\"lastName\":\"Victimclient\",\"email\":\""
						+ victimClientEmail + "\",\"privateNotes\":\"secret-note\"}]}");
		ids.put("client",
				jdbc.sql("select id::text from client_record where email = ?")
					.param(victimClientEmail)
					.query(String.class)
					.single());
		ids.put("invitation",
				jdbc.sql("select id::text from invitation where email = ?")
					.param(victimClientEmail)
					.query(String.class)
					.single());
		HttpResponse<String> imported = victimApi.send("POST", "/api/v1/clients/imports", "text/csv",
				"first name,last name,email\nImported,Victimrow," + Providers.uniqueEmail("imp") + "\n");
		Matcher importId = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(imported.body());
		assertThat(importId.find()).as(imported.body()).isTrue();
		ids.put("import", importId.group(1));
		ids.put("accountId", victim.owner().toString());
		ids.put("notification",
				notifications.notify(victim.owner(), victim.id(), "TEST", "Victim notification", null, "/clients")
					.toString());
		ids.put("email", jdbc
			.sql("""
					update email_outbox set status = 'FAILED', last_error = 'test' where id = (
					  select id from email_outbox where organization_id = ? order by created_at limit 1) returning id::text""")
			.param(victim.id().value())
			.query(String.class)
			.single());
		ids.put("token", apiTokens.create(victim.owner(), victim.id(), "victim script").id().toString());
		ids.put("organization", victim.id().toString());
		// a program only the victim's admins see, and a community-only member in New
		// Members
		HttpResponse<String> program = victimApi.api("POST", "/api/v1/community/programs",
				"{\"name\":\"Private Cohort\",\"description\":\"victim-program-notes\"}");
		assertThat(program.statusCode()).as(program.body()).isEqualTo(201);
		Matcher programId = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(program.body());
		assertThat(programId.find()).isTrue();
		ids.put("program", programId.group(1));
		String newMembers = providers.newMembers(victim);
		String memberEmail = Providers.uniqueEmail("cora");
		assertThat(victimApi
			.api("POST", "/api/v1/community/programs/" + newMembers + "/invitations",
					Providers.programInvitation("Cora Member", memberEmail, "CLIENT"))
			.statusCode()).isEqualTo(201);
		RapportClient communityMember = new RapportClient(port);
		String memberPath = providers.acceptPath(memberEmail);
		communityMember.get(memberPath);
		communityMember.post("/join/register", Map.of("token", Providers.tokenOf(memberPath), "name", "Cora Member",
				"password", Providers.PASSWORD, "acceptTerms", "true"));
		ids.put("programMember",
				jdbc.sql("select id::text from account where email = ?")
					.param(memberEmail)
					.query(String.class)
					.single());
		victimMarkers = List.of("Victim Coaching Ltd", "Victimclient", victimClientEmail, "secret-note", "Victimrow",
				"Victim notification", "Private Cohort", "victim-program-notes");

		Provider other = providers.provider("Other Coaching");
		Person otherCoach = providers.member(other, OrganizationRole.COACH);
		Person victimCoach = providers.member(victim, OrganizationRole.COACH);
		Provider companyOwner = providers.provider("Acme Client Company");
		jdbc.sql("update organization set kind = 'CLIENT_COMPANY' where id = ?")
			.param(companyOwner.id().value())
			.update();
		Person coachee = providers.person("Coachee");
		// a second client company, this one the victim's own client: its point of contact
		// accepted the victim's invitation, so the company is connected to the victim
		String poc = Providers.uniqueEmail("poc");
		assertThat(victimApi.api("POST", "/api/v1/clients/companies",
				"{\"invite\":true,\"company\":{\"name\":\"Connected Corp\",\"contactName\":\"Pat Doe\",\"contactEmail\":\""
						+ poc + "\"}}")
			.statusCode()).isEqualTo(201);
		RapportClient pocPages = new RapportClient(port);
		String path = providers.acceptPath(poc);
		pocPages.get(path);
		pocPages.post("/join/register", Map.of("token", Providers.tokenOf(path), "name", "Pat Doe", "password",
				Providers.PASSWORD, "acceptTerms", "true"));
		OrganizationId connectedCompany = new OrganizationId(
				jdbc.sql("select company_id from company_connection where provider_id = ?")
					.param(victim.id().value())
					.query(UUID.class)
					.single());
		AccountId pocAccount = new AccountId(
				jdbc.sql("select id from account where email = ?").param(poc).query(UUID.class).single());

		actor("other provider's owner", other.id(), other.owner(), other.ownerEmail(), false, false);
		actor("other provider's coach", other.id(), otherCoach.id(), otherCoach.email(), false, false);
		actor("victim's own coach", victim.id(), victimCoach.id(), victimCoach.email(), true, true);
		actor("client company admin", companyOwner.id(), companyOwner.owner(), companyOwner.ownerEmail(), false, false);
		actor("victim's client company admin", connectedCompany, pocAccount, poc, false, true);
		RapportClient coacheePages = new RapportClient(port);
		coacheePages.signIn(coachee.email(), Providers.PASSWORD);
		actors.put("coachee without organization",
				new Actor("coachee without organization", coacheePages, coacheePages, false, false, false));
		// joined the victim's New Members by invitation: sees the victim's community,
		// never
		// its other programs, people or clients
		actors.put("victim's community-only member",
				new Actor("victim's community-only member", communityMember, communityMember, false, false, true));
		RapportClient anonymous = new RapportClient(port);
		actors.put("anonymous", new Actor("anonymous", anonymous, anonymous, true, false, false));
	}

	private void actor(String name, OrganizationId organization, AccountId id, String email, boolean sameTenant,
			boolean knowsVictim) {
		RapportClient pages = new RapportClient(port);
		pages.signIn(email, Providers.PASSWORD);
		actors.put(name, new Actor(name, pages, api(organization, id), false, sameTenant, knowsVictim));
	}

	private RapportClient api(OrganizationId organization, AccountId id) {
		return new RapportClient(port).withBearer(apiTokens.create(id, organization, "isolation").token());
	}

	@Test
	void everyRouteHasARuleAndNoActorReachesAnotherTenantsData() {
		Set<String> routes = RouteDump.routes(mapping);
		Set<String> withoutRule = new TreeSet<>();
		for (String route : routes) {
			if (ruleFor(route) == null) {
				withoutRule.add(route);
			}
		}
		assertThat(withoutRule).as("routes without a rule in the isolation matrix").isEmpty();

		Map<String, Object> before = snapshot();
		List<String> failures = new ArrayList<>();
		int calls = 0;
		for (String route : routes) {
			Rule rule = ruleFor(route);
			String key = RULES.containsKey(route) ? route : route + "?invite=false";
			for (Actor actor : actors.values()) {
				if (rule.kind() == Kind.FOREIGN && actor.sameTenant() && key.equals("POST /organizations/switch")) {
					continue; // working in one's own organization is no crossing
				}
				if (rule.kind() == Kind.FOREIGN) {
					calls++;
					HttpResponse<String> response = call(actor, key, rule);
					if (!refused(actor, key, response)) {
						failures.add(actor.name() + " → " + key + " answered " + response.statusCode());
					}
				}
				else if (key.startsWith("GET ") && (rule.kind() == Kind.OWN || rule.kind() == Kind.PUBLIC)) {
					calls++;
					HttpResponse<String> response = call(actor, key, rule);
					if (response.statusCode() >= 500) {
						failures.add(actor.name() + " → " + key + " failed with " + response.statusCode());
					}
					for (String marker : markersFor(actor)) {
						if (response.body().contains(marker)) {
							failures.add(actor.name() + " → " + key + " shows the victim's \"" + marker + "\"");
						}
					}
				}
			}
		}
		assertThat(failures).as("isolation failures").isEmpty();
		assertThat(snapshot()).as("nothing changed").isEqualTo(before);
		assertThat(jdbc
			.sql("""
					select count(*) from audit_event e where action = 'CLIENTS_EXPORTED' and not exists (
					  select 1 from membership m where m.organization_id = e.organization_id and m.account_id = e.actor_id)""")
			.query(Long.class)
			.single()).as("every export was of the exporter's own organization").isZero();
		long covered = routes.stream().filter(route -> ruleFor(route) != null).count();
		log.info("Tenant isolation: {} of {} routes covered by a rule ({} calls as {} actors)", covered, routes.size(),
				calls, actors.size());
		assertThat(covered).isEqualTo(routes.size());
	}

	private Rule ruleFor(String route) {
		Rule rule = RULES.get(route);
		return rule != null ? rule : RULES.get(route + "?invite=false");
	}

	private List<String> markersFor(Actor actor) {
		return actor.knowsVictim() ? victimMarkers.subList(1, victimMarkers.size()) : victimMarkers;
	}

	private boolean refused(Actor actor, String route, HttpResponse<String> response) {
		int status = response.statusCode();
		boolean api = route.contains(" /api/");
		if (actor.anonymous()) {
			return api ? status == 401 || status == 403
					: status == 302 && response.headers().firstValue("Location").orElse("").contains("/sign-in")
							|| status == 403;
		}
		return status == 403 || status == 404;
	}

	private HttpResponse<String> call(Actor actor, String route, Rule rule) {
		String method = route.substring(0, route.indexOf(' '));
		String path = expand(route.substring(route.indexOf(' ') + 1));
		boolean api = path.startsWith("/api/");
		RapportClient client = api ? actor.api() : actor.pages();
		if (method.equals("GET")) {
			return api ? client.api("GET", path, null) : client.get(path);
		}
		if (api) {
			return client.api(method, path, rule.json() == null ? null : expand(rule.json()));
		}
		Map<String, String> form = new LinkedHashMap<>();
		rule.form().forEach((name, value) -> form.put(name, expand(value)));
		return client.post(path, form);
	}

	private String expand(String template) {
		String path = template;
		if (path.contains("/clients/import")) {
			path = path.replace("{id}", ids.get("import"));
		}
		if (path.contains("/notifications/")) {
			path = path.replace("{id}", ids.get("notification"));
		}
		if (path.contains("/emails/")) {
			path = path.replace("{id}", ids.get("email"));
		}
		if (path.contains("/api-tokens/")) {
			path = path.replace("{id}", ids.get("token"));
		}
		if (path.contains("/invitations/{id}") && !path.contains("/clients/")) {
			path = path.replace("{id}", ids.get("invitation"));
		}
		if (path.contains("community/")) {
			path = path.replace("{id}", ids.get("program")).replace("{accountId}", ids.get("programMember"));
		}
		path = path.replace("{file}", "logo.png");
		return path.replace("{id}", ids.get("client"))
			.replace("{invitation}", ids.get("invitation"))
			.replace("{accountId}", ids.get("accountId"))
			.replace("{organization}", ids.get("organization"));
	}

	private Map<String, Object> snapshot() {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("clients", jdbc
			.sql("""
					select string_agg(id::text || status || coalesce(array_to_string(tags, ','), '') || coalesce(archived_at::text, '')
					  || display_name, ';' order by id) from client_record""")
			.query(String.class)
			.single());
		state.put("invitations",
				jdbc.sql("select string_agg(id::text || status || token_hash, ';' order by id) from invitation")
					.query(String.class)
					.single());
		state.put("memberships", jdbc.sql(
				"select string_agg(organization_id::text || account_id::text || role, ';' order by organization_id, account_id) from membership")
			.query(String.class)
			.single());
		state.put("notifications",
				jdbc.sql("select count(*) filter (where read_at is not null) from notification")
					.query(Long.class)
					.single());
		state.put("emails",
				jdbc.sql("select string_agg(id::text || status, ';' order by id) from email_outbox")
					.query(String.class)
					.single());
		state.put("tokens",
				jdbc.sql("select count(*) filter (where revoked_at is not null) from api_token")
					.query(Long.class)
					.single());
		state.put("imports",
				jdbc.sql("select count(*) from client_import where committed_at is not null")
					.query(Long.class)
					.single());
		// the sweep's exports are recorded in the exporting actor's own organization,
		// checked
		// on their own
		state.put("audit",
				jdbc.sql("select count(*) from audit_event where action <> 'CLIENTS_EXPORTED'")
					.query(Long.class)
					.single());
		state.put("programs", jdbc.sql(
				"select string_agg(id::text || name || description || coalesce(archived_at::text, '') || coaches_invite_directly, ';' order by id) from program")
			.query(String.class)
			.single());
		state.put("program members", jdbc.sql(
				"select string_agg(program_id::text || account_id::text || role, ';' order by program_id, account_id) from program_member")
			.query(String.class)
			.single());
		state.put("community", jdbc.sql(
				"select count(*) + coalesce(sum(length(invitation_subject || invitation_body || registration_text)), 0) from community")
			.query(Long.class)
			.single());
		state.put("logos", jdbc.sql("select count(*) from community_logo").query(Long.class).single());
		state.put("organizations", jdbc.sql(
				"select string_agg(id::text || name || brand_color || coalesce(logo_url, ''), ';' order by id) from organization")
			.query(String.class)
			.single());
		return state;
	}

}
