package app.rapport.invitation.web;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import app.rapport.Providers;
import app.rapport.Providers.Provider;
import app.rapport.RapportClient;
import app.rapport.account.ApiTokens;
import app.rapport.invitation.InvitationId;
import app.rapport.invitation.InvitationPurpose;
import app.rapport.invitation.InvitationRequest;
import app.rapport.invitation.InvitationRevoked;
import app.rapport.invitation.Invitations;
import app.rapport.shared.AccountId;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.EmailAddress;
import app.rapport.shared.OrganizationRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RecordApplicationEvents
class InvitationListWebTests {

	@LocalServerPort
	int port;

	@Autowired
	Providers providers;

	@Autowired
	Invitations invitations;

	@Autowired
	ApiTokens apiTokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	RapportClient signedIn(String email) {
		RapportClient client = new RapportClient(port);
		client.signIn(email, Providers.PASSWORD);
		return client;
	}

	RapportClient api(Provider provider, AccountId account) {
		return new RapportClient(port).withBearer(apiTokens.create(account, provider.id(), "invitations").token());
	}

	static CurrentUser as(Provider provider, AccountId account, String email, OrganizationRole role) {
		return new CurrentUser(account, new EmailAddress(email), role.label() + " Person", true, provider.id(),
				"Coaching", role);
	}

	static CurrentUser owner(Provider provider) {
		return as(provider, provider.owner(), provider.ownerEmail(), OrganizationRole.OWNER);
	}

	InvitationId invite(CurrentUser inviter, String email) {
		return invitations.send(inviter,
				new InvitationRequest(InvitationPurpose.INDIVIDUAL_CLIENT, null, new EmailAddress(email), "Ana", null));
	}

	String joinPath(String email) {
		String link = providers.lastLink(email, "acceptUrl");
		return link.substring(link.indexOf("/join"));
	}

	@Test
	void anOrganizationWithoutInvitationsSeesWhatToDoNext() {
		Provider provider = providers.provider("Quiet Coaching");

		String page = signedIn(provider.ownerEmail()).get("/invitations").body();

		assertThat(page).contains("No invitations yet.", "Invite clients from the Clients page");
	}

	@Test
	void filtersByStatusCountingPastExpiryAsExpiredAndByEmailPrefix() {
		Provider provider = providers.provider("Filter Coaching");
		String pending = Providers.uniqueEmail("pending");
		String expired = Providers.uniqueEmail("expired");
		String revoked = Providers.uniqueEmail("revoked");
		invite(owner(provider), pending);
		InvitationId late = invite(owner(provider), expired);
		InvitationId gone = invite(owner(provider), revoked);
		jdbc.sql("update invitation set expires_at = now() - interval '1 day' where id = ?")
			.param(late.value())
			.update();
		invitations.revoke(owner(provider), gone);
		RapportClient page = signedIn(provider.ownerEmail());

		assertThat(page.get("/invitations").body()).contains(pending, expired, revoked);
		assertThat(page.get("/invitations?status=PENDING").body()).contains(pending)
			.doesNotContain(expired)
			.doesNotContain(revoked);
		assertThat(page.get("/invitations?status=EXPIRED").body()).contains(expired)
			.doesNotContain(pending)
			.doesNotContain(revoked);
		assertThat(page.get("/invitations?status=REVOKED&purpose=INDIVIDUAL_CLIENT").body()).contains(revoked)
			.doesNotContain(pending);
		assertThat(page.get("/invitations?status=ACCEPTED").body()).contains("No invitations match these filters.");
		assertThat(page.get("/invitations?q=" + expired.substring(0, 12)).body()).contains(expired)
			.doesNotContain(pending);
		HttpResponse<String> api = api(provider, provider.owner()).api("GET", "/api/v1/invitations?status=EXPIRED",
				null);
		assertThat(api.body()).contains(expired, "\"status\":\"EXPIRED\"").doesNotContain(pending);
	}

	@Test
	void pagesNewestFirstWithACursor() {
		Provider provider = providers.provider("Paging Coaching");
		for (int i = 0; i < 3; i++) {
			invite(owner(provider), Providers.uniqueEmail("page" + i));
		}
		RapportClient api = api(provider, provider.owner());

		String first = api.api("GET", "/api/v1/invitations?size=2", null).body();
		String next = first.replaceAll(".*\"next\":\"([^\"]+)\".*", "$1");
		String second = api.api("GET", "/api/v1/invitations?size=2&after=" + next, null).body();

		assertThat(first).contains("page2-").contains("page1-").doesNotContain("page0-");
		assertThat(second).contains("page0-").contains("\"next\":null");
	}

	@Test
	void resendSendsANewLinkAndKillsTheOldOne() {
		Provider provider = providers.provider("Resend Coaching");
		String email = Providers.uniqueEmail("resend");
		InvitationId id = invite(owner(provider), email);
		String oldLink = joinPath(email);
		RapportClient page = signedIn(provider.ownerEmail());
		page.get("/invitations");

		HttpResponse<String> resent = page.post("/invitations/" + id + "/resend", Map.of());

		assertThat(resent.statusCode()).isEqualTo(302);
		assertThat(page.get("/invitations").body()).contains("Invitation sent again to " + email, "(sent 2 times)");
		String newLink = joinPath(email);
		assertThat(newLink).isNotEqualTo(oldLink);
		assertThat(new RapportClient(port).get(oldLink).statusCode()).isEqualTo(410);
		assertThat(new RapportClient(port).get(newLink).statusCode()).isEqualTo(200);
	}

	@Test
	void revokeKillsTheLinkAndTellsTheOtherModules() {
		Provider provider = providers.provider("Revoke Coaching");
		String email = Providers.uniqueEmail("revoke");
		InvitationId id = invite(owner(provider), email);
		String link = joinPath(email);
		RapportClient page = signedIn(provider.ownerEmail());
		assertThat(page.get("/invitations").body()).contains("data-confirm=\"Revoke the invitation to " + email);

		page.post("/invitations/" + id + "/revoke", Map.of());

		assertThat(page.get("/invitations?status=REVOKED").body()).contains(email);
		assertThat(new RapportClient(port).get(link).statusCode()).isEqualTo(410);
		InvitationId other = invite(owner(provider), Providers.uniqueEmail("other"));
		invitations.revoke(owner(provider), other);
		assertThat(events.stream(InvitationRevoked.class)).singleElement().satisfies(event -> {
			assertThat(event.invitationId()).isEqualTo(other);
			assertThat(event.organizationId()).isEqualTo(provider.id());
			assertThat(event.purpose()).isEqualTo(InvitationPurpose.INDIVIDUAL_CLIENT);
		});
		assertThat(page.post("/invitations/" + id + "/revoke", Map.of()).statusCode()).isEqualTo(302);
		assertThat(page.get("/invitations").body()).contains("Only pending invitations can be revoked.");
	}

	@Test
	void resendSelectedSendsEachAgain() {
		Provider provider = providers.provider("Bulk Coaching");
		String first = Providers.uniqueEmail("bulk1");
		String second = Providers.uniqueEmail("bulk2");
		InvitationId one = invite(owner(provider), first);
		InvitationId two = invite(owner(provider), second);
		String oldFirst = joinPath(first);
		RapportClient page = signedIn(provider.ownerEmail());
		page.get("/invitations");

		assertThat(page.post("/invitations/resend", Map.of("ids", one.toString())).statusCode()).isEqualTo(302);
		HttpResponse<String> bulk = api(provider, provider.owner()).api("POST", "/api/v1/invitations/resend",
				"{\"ids\":[\"" + one + "\",\"" + two + "\"]}");

		assertThat(bulk.body()).contains("\"resent\":2");
		assertThat(jdbc.sql("select send_count from invitation where id in (?, ?) order by email")
			.params(one.value(), two.value())
			.query(Integer.class)
			.list()).containsExactly(3, 2);
		assertThat(new RapportClient(port).get(oldFirst).statusCode()).isEqualTo(410);
	}

	@Test
	void aCoachSeesAndManagesOnlyTheInvitationsTheySent() {
		Provider provider = providers.provider("Team Coaching");
		Providers.Person coach = providers.member(provider, OrganizationRole.COACH);
		String theirs = Providers.uniqueEmail("theirs");
		String owners = Providers.uniqueEmail("owners");
		invite(as(provider, coach.id(), coach.email(), OrganizationRole.COACH), theirs);
		InvitationId ownerInvitation = invite(owner(provider), owners);

		assertThat(signedIn(coach.email()).get("/invitations").body()).contains(theirs).doesNotContain(owners);
		RapportClient coachApi = api(provider, coach.id());
		assertThat(coachApi.api("GET", "/api/v1/invitations", null).body()).contains(theirs).doesNotContain(owners);
		assertThat(coachApi.api("POST", "/api/v1/invitations/" + ownerInvitation + "/revoke", null).statusCode())
			.isEqualTo(404);
		assertThat(signedIn(provider.ownerEmail()).get("/invitations").body()).contains(theirs, owners);
	}

	@Test
	void anotherOrganizationsInvitationIsNotFound() {
		Provider provider = providers.provider("Tenant Coaching");
		Provider stranger = providers.provider("Other Tenant Coaching");
		InvitationId id = invite(owner(provider), Providers.uniqueEmail("tenant"));
		RapportClient api = api(stranger, stranger.owner());

		assertThat(api.api("GET", "/api/v1/invitations/" + id, null).statusCode()).isEqualTo(404);
		assertThat(api.api("POST", "/api/v1/invitations/" + id + "/resend", null).statusCode()).isEqualTo(404);
		assertThat(api.api("POST", "/api/v1/invitations/" + id + "/revoke", null).statusCode()).isEqualTo(404);
		assertThat(api.api("POST", "/api/v1/invitations/resend", "{\"ids\":[\"" + id + "\"]}").statusCode())
			.isEqualTo(404);
		assertThat(api.api("GET", "/api/v1/invitations", null).body()).doesNotContain(id.toString());
		RapportClient page = signedIn(stranger.ownerEmail());
		page.get("/invitations");
		assertThat(page.post("/invitations/" + id + "/revoke", Map.of()).statusCode()).isEqualTo(404);
		assertThat(
				jdbc.sql("select status from invitation where id = ?").param(id.value()).query(String.class).single())
			.isEqualTo("PENDING");
		assertThat(List.of(page.get("/invitations").body())).noneMatch(body -> body.contains(id.toString()));
	}

}
