package app.rapport.client;

import app.rapport.Providers;
import app.rapport.Providers.Provider;
import app.rapport.shared.TenantScope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second wall: under a tenant scope, PostgreSQL row-level security hides every other
 * organization's rows, even from a query that forgets its tenant filter.
 */
@SpringBootTest
class TenantWallTests {

	@Autowired
	Providers providers;

	@Autowired
	TenantScope tenantScope;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	void seedClients(Provider provider, int count) {
		for (int i = 0; i < count; i++) {
			jdbc.sql("""
					insert into client_record (id, provider_id, kind, status, display_name, created_by)
					values (gen_random_uuid(), ?, 'INDIVIDUAL', 'INTERNAL', 'Wall Client', ?)""")
				.params(provider.id().value(), provider.owner().value())
				.update();
		}
	}

	@Test
	void aQueryThatForgetsItsTenantFilterSeesOnlyItsTenantsRows() {
		Provider mine = providers.provider("Wall Mine Coaching");
		Provider theirs = providers.provider("Wall Theirs Coaching");
		seedClients(mine, 3);
		seedClients(theirs, 5);

		Long visible = transactions.execute(status -> {
			tenantScope.enter(mine.id());
			return jdbc.sql("select count(*) from client_record").query(Long.class).single();
		});
		Long theirsVisible = transactions.execute(status -> {
			tenantScope.enter(mine.id());
			return jdbc.sql("select count(*) from client_record where provider_id = ?")
				.param(theirs.id().value())
				.query(Long.class)
				.single();
		});
		Long auditVisible = transactions.execute(status -> {
			tenantScope.enter(mine.id());
			return jdbc.sql("select count(*) from audit_event where organization_id = ?")
				.param(theirs.id().value())
				.query(Long.class)
				.single();
		});

		assertThat(visible).isEqualTo(3);
		assertThat(theirsVisible).isZero();
		assertThat(auditVisible).isZero();
		assertThat(jdbc.sql("select count(*) from client_record where provider_id = ?")
			.param(theirs.id().value())
			.query(Long.class)
			.single()).as("outside the scope the rows are there").isEqualTo(5);
	}

	@Test
	void theScopeEndsWithItsTransaction() {
		Provider mine = providers.provider("Wall Scope Coaching");
		transactions.executeWithoutResult(status -> tenantScope.enter(mine.id()));

		assertThat(jdbc.sql("select current_user").query(String.class).single()).isNotEqualTo("rapport_tenant");
		assertThat(
				jdbc.sql("select coalesce(current_setting('rapport.tenant', true), '')").query(String.class).single())
			.isEmpty();
	}

}
