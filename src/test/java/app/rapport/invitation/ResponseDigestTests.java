package app.rapport.invitation;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import app.rapport.Providers;
import app.rapport.Providers.Provider;
import app.rapport.RapportClient;
import app.rapport.notification.DevMailbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inviter hears of each response in the app at once and by email in a digest: one
 * email per inviter and organization, each response in exactly one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ResponseDigestTests {

	@LocalServerPort
	int port;

	@Autowired
	Providers providers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ResponseDigests digests;

	@Autowired
	DevMailbox mailbox;

	@Test
	void responsesReachTheInviterAsOneEmailListingEachOfThem() {
		Provider provider = providers.provider("Digest Coaching");
		RapportClient api = providers.ownerApi(port, provider);
		String ana = invite(api, "Ana", "Lopez");
		String ben = invite(api, "Ben", "Okafor");
		String cleo = invite(api, "Cléo", "Martin");
		register(ana, "Ana Lopez");
		register(ben, "Ben Okafor");
		decline(cleo);

		assertThat(emailsTo(provider.ownerEmail())).as("no email per response").isEmpty();
		assertThat(api.api("GET", "/api/v1/notifications", null).body()).as("the app tells at once")
			.contains("Ana Lopez accepted your invitation", "Cléo Martin declined your invitation");

		digests.send();
		List<DevMailbox.Message> sent = emailsTo(provider.ownerEmail());
		assertThat(sent).hasSize(1);
		DevMailbox.Message digest = sent.getFirst();
		assertThat(digest.subject()).isEqualTo("3 people responded to your invitations: 2 accepted, 1 declined");
		assertThat(digest.text()).contains("- Ana Lopez (" + ana + ") accepted the invitation to join as a client",
				"- Ben Okafor (" + ben + ") accepted the invitation to join as a client",
				"- Cléo Martin (" + cleo + ") declined the invitation to join as a client", "/invitations",
				"— Digest Coaching");
		assertThat(digest.text().indexOf("Ana Lopez")).as("in the order they responded")
			.isLessThan(digest.text().indexOf("Cléo Martin"));
		assertThat(digest.html()).contains("<li", "Ben Okafor", "See your invitations");

		digests.send();
		assertThat(emailsTo(provider.ownerEmail())).as("each response is told once").hasSize(1);

		String dan = invite(api, "Dan", "Ito");
		register(dan, "Dan Ito");
		digests.send();
		List<DevMailbox.Message> later = emailsTo(provider.ownerEmail());
		assertThat(later).hasSize(2);
		assertThat(later.getFirst().subject()).isEqualTo("Dan Ito accepted your invitation");
		assertThat(later.getFirst().text())
			.contains("Dan Ito (" + dan + ") accepted your invitation to join as a client.")
			.doesNotContain("Ana Lopez");
	}

	@Test
	void aLongDigestNamesTheFirstResponsesAndCountsTheRest() {
		Provider provider = providers.provider("Big Digest Coaching");
		RapportClient api = providers.ownerApi(port, provider);
		int total = ResponseDigests.LISTED + 3;
		for (int i = 0; i < total; i++) {
			decline(invite(api, "Person", "Number" + i));
		}
		digests.send();
		List<DevMailbox.Message> sent = emailsTo(provider.ownerEmail());
		assertThat(sent).hasSize(1);
		assertThat(sent.getFirst().subject()).isEqualTo(total + " people declined your invitations");
		assertThat(sent.getFirst().text()).contains("Person Number0 ", "and 3 more.")
			.doesNotContain("Person Number" + (total - 1) + " ");
		assertThat(sent.getFirst().html()).contains("and 3 more.");
	}

	@Test
	void anInviterOfTwoOrganizationsGetsOneDigestFromEachWithItsBranding() {
		Provider first = providers.provider("First Digest Coaching");
		Provider second = providers.provider("Second Digest Coaching");
		jdbc.sql("insert into membership (account_id, organization_id, role) values (?, ?, 'ADMIN')")
			.params(first.owner().value(), second.id().value())
			.update();
		decline(invite(providers.ownerApi(port, first), "Fay", "One"));
		decline(invite(providers.apiAs(port, second, first.owner()), "Gus", "Two"));

		digests.send();
		List<DevMailbox.Message> sent = emailsTo(first.ownerEmail());
		assertThat(sent).extracting(DevMailbox.Message::subject)
			.containsExactlyInAnyOrder("Fay One declined your invitation", "Gus Two declined your invitation");
		assertThat(sent).anySatisfy(m -> assertThat(m.text()).contains("Fay One", "— First Digest Coaching"));
		assertThat(sent).anySatisfy(m -> assertThat(m.text()).contains("Gus Two", "— Second Digest Coaching"));
	}

	@Test
	void twoNodesDigestingAtOnceSendEachResponseOnce() throws Exception {
		Provider provider = providers.provider("Racing Digest Coaching");
		RapportClient api = providers.ownerApi(port, provider);
		for (int i = 0; i < 5; i++) {
			decline(invite(api, "Racer", "Number" + i));
		}
		CyclicBarrier start = new CyclicBarrier(4);
		List<Future<Integer>> runs = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
			for (int i = 0; i < 4; i++) {
				Callable<Integer> run = () -> {
					start.await();
					return digests.send();
				};
				runs.add(pool.submit(run));
			}
			for (Future<Integer> run : runs) {
				run.get();
			}
		}
		List<DevMailbox.Message> sent = emailsTo(provider.ownerEmail());
		assertThat(sent).hasSize(1);
		assertThat(sent.getFirst().subject()).isEqualTo("5 people declined your invitations");
		assertThat(jdbc.sql("select count(*) from invitation where organization_id = ? and inviter_untold")
			.param(provider.id().value())
			.query(Long.class)
			.single()).isZero();
	}

	private String invite(RapportClient api, String first, String last) {
		String email = Providers.uniqueEmail(first.toLowerCase().replace('é', 'e'));
		HttpResponse<String> response = api.api("POST", "/api/v1/clients/individuals",
				"{\"invite\":true,\"clients\":[{\"firstName\":\"" + first + "\",\"lastName\":\"" + last
						+ "\",\"email\":\"" + email + "\"}]}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return email;
	}

	private void register(String email, String name) {
		HttpResponse<String> response = new RapportClient(port).api("POST", "/api/v1/join/register",
				"{\"token\":\"" + token(email) + "\",\"name\":\"" + name + "\",\"password\":\"" + Providers.PASSWORD
						+ "\",\"acceptTerms\":true}");
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
	}

	private void decline(String email) {
		HttpResponse<String> response = new RapportClient(port).api("POST", "/api/v1/join/decline",
				"{\"token\":\"" + token(email) + "\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private String token(String email) {
		return Providers.tokenOf(providers.acceptPath(email));
	}

	private List<DevMailbox.Message> emailsTo(String inviter) {
		return mailbox.latest(inviter, 20).stream().filter(m -> m.subject().contains("your invitation")).toList();
	}

}
