package app.rapport.invitation;

import java.util.List;

import app.rapport.Providers;
import app.rapport.Providers.Provider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The duplicate check of + Invite keeps its cost when a program has received thousands of
 * invitations, also with the generic plan PostgreSQL caches for a prepared statement
 * after a few runs (the driver prepares statements it sees repeatedly). With the program
 * in the statement, that plan read every invitation into the program (found by the
 * benchmark's scenario 7: 3.5 ms at 10,000 and growing).
 */
@SpringBootTest
class InvitationQueryPlanTests {

	@Autowired
	Providers providers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void theDuplicateCheckOfProgramInvitationsReadsOnlyTheAddressesInvitations() {
		Provider provider = providers.provider("Crowded Program Coaching");
		java.util.UUID program = java.util.UUID.randomUUID();
		jdbc.sql("""
				insert into invitation (id, organization_id, purpose, subject_id, email, name, token_hash, invited_by,
				                        expires_at)
				select gen_random_uuid(), ?, 'PROGRAM_MEMBER', ?, 'crowd' || n || '@example.com', 'Crowd ' || n,
				       md5(random()::text) || n, ?, now() + interval '14 days'
				from generate_series(1, 3000) n""")
			.params(provider.id().value(), program, provider.owner().value())
			.update();
		jdbc.sql("analyze invitation").update();

		assertThat(
				genericPlan(InvitationRepository.PENDING_FOR_EMAILS, "text[]", provider, "array['crowd7@example.com']"))
			.contains("invitation_pending_email")
			.doesNotContain("Rows Removed by Filter");
		assertThat(genericPlan(InvitationRepository.PENDING_FOR_EMAIL, "text", provider, "'crowd7@example.com'"))
			.contains("invitation_pending_email")
			.doesNotContain("Rows Removed by Filter");
	}

	/** The plan PostgreSQL caches for the statement, run for one address. */
	private String genericPlan(String statement, String emailType, Provider provider, String email) {
		// a statement name of its own: prepared statements outlive the transaction on the
		// pooled connection
		String name = "pending_for_emails_" + Long.toHexString(System.nanoTime());
		List<String> plan = transactions.execute(status -> {
			jdbc.sql("set local plan_cache_mode = force_generic_plan").update();
			jdbc.sql("prepare " + name + "(uuid, " + emailType + ", timestamptz) as "
					+ statement.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2").replaceFirst("\\?", "\\$3"))
				.update();
			// EXPLAIN takes no bind parameters: the values are written into it
			List<String> lines = jdbc
				.sql("explain (analyze, costs off) execute " + name + "('" + provider.id().value() + "', " + email
						+ ", now())")
				.query(String.class)
				.list();
			jdbc.sql("deallocate " + name).update();
			return lines;
		});
		return String.join("\n", plan);
	}

}
