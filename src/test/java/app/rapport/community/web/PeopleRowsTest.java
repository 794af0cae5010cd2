package app.rapport.community.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import app.rapport.community.PendingMember;
import app.rapport.community.Program;
import app.rapport.community.ProgramId;
import app.rapport.community.ProgramMember;
import app.rapport.community.ProgramPeople;
import app.rapport.community.ProgramRole;
import app.rapport.shared.AccountId;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;

import static org.assertj.core.api.Assertions.assertThat;

/** What Manage users shows of each member and each pending invitation. */
class PeopleRowsTest {

	final ProgramId programId = new ProgramId(UUID.fromString("59219f55-56ed-4ab9-afdc-0051240e63ae"));

	final AccountId ada = new AccountId(UUID.fromString("cbd277cc-ce0a-4c2c-93d9-b71d89167d02"));

	@Test
	void aMemberRowHoldsTheDayTheyJoinedInUtcAndTheFormThatRemovesThem() {
		ProgramPeople people = people(List.of(new ProgramMember(ada, "Ada Lovelace", "ada@example.com",
				ProgramRole.MENTOR, Instant.parse("2026-12-02T23:59:59Z"))), List.of());

		assertThat(PeopleRows.members(people, "/app", Locale.UK)).containsExactly(new PeopleRows.Member("Ada Lovelace",
				"ada@example.com", ProgramRole.MENTOR.label(), "2 Dec 2026",
				"/app/community/users/59219f55-56ed-4ab9-afdc-0051240e63ae/members/cbd277cc-ce0a-4c2c-93d9-b71d89167d02/remove",
				"Remove Ada Lovelace from Leaders' Circle?"));
	}

	@Test
	void aPendingRowSaysWhenTheInvitationExpiresInTheReadersLanguage() {
		List<PendingMember> pending = List.of(new PendingMember(UUID.randomUUID(), "Grace Hopper", "grace@example.com",
				Instant.parse("2026-12-02T10:00:00Z"), Instant.parse("2026-12-02T10:00:00Z"),
				Instant.parse("2026-12-16T00:00:00Z")));

		assertThat(PeopleRows.pending(pending, Locale.UK))
			.containsExactly(new PeopleRows.Pending("Grace Hopper", "grace@example.com", "expires 16 Dec 2026"));
		assertThat(PeopleRows.pending(pending, Locale.GERMANY).getFirst().expires()).isEqualTo("expires 16 Dez. 2026");
	}

	@Test
	void eachRemovalFormCarriesTheRequestsCsrfTokenAndEveryValueIsEscaped() {
		ProgramPeople people = people(List.of(new ProgramMember(ada, "Ada \"Countess\" & Co", "ada@example.com",
				ProgramRole.CLIENT, Instant.parse("2026-12-02T10:00:00Z"))), List.of());
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setAttribute(CsrfToken.class.getName(), new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "t0ken"));

		String html = PeopleRows.membersHtml(people, request, Locale.UK);

		assertThat(html).contains("<td>Ada &quot;Countess&quot; &amp; Co\n")
			.contains("data-confirm=\"Remove Ada &quot;Countess&quot; &amp; Co from Leaders&#39; Circle?\">"
					+ "<input type=\"hidden\" name=\"_csrf\" value=\"t0ken\">");
	}

	private ProgramPeople people(List<ProgramMember> members, List<PendingMember> pending) {
		Program program = new Program(programId, "Leaders' Circle", "", false, false, null,
				Instant.parse("2026-01-01T00:00:00Z"), members.size());
		return new ProgramPeople(program, members, null, pending);
	}

}
