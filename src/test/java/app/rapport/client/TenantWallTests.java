package app.rapport.client;

import app.rapport.Providers;
import app.rapport.Providers.Provider;
import app.rapport.invitation.InvitationId;
import app.rapport.invitation.Invitations;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.EmailAddress;
import app.rapport.shared.OrganizationRole;
import app.rapport.shared.TenantScope;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The second wall: under a tenant scope, PostgreSQL row-level security hides every other
 * organization's rows, even from a statement that forgets its tenant filter, and refuses
 * rows written into another organization.
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

	@Autowired
	Clients clients;

	@Autowired
	ClientImports imports;

	@Autowired
	Invitations invitations;

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
	void aWriteThatForgetsItsTenantFilterChangesOnlyItsTenantsRows() {
		Provider mine = providers.provider("Wall Write Mine Coaching");
		Provider theirs = providers.provider("Wall Write Theirs Coaching");
		seedClients(mine, 2);
		seedClients(theirs, 4);

		Integer updated = transactions.execute(status -> {
			tenantScope.enter(mine.id());
			return jdbc.sql("update client_record set private_notes = 'overwritten'").update();
		});
		Integer deleted = transactions.execute(status -> {
			tenantScope.enter(mine.id());
			return jdbc.sql("delete from client_record where provider_id = ?").param(theirs.id().value()).update();
		});

		assertThat(updated).isEqualTo(2);
		assertThat(deleted).isZero();
		assertThat(jdbc.sql("select count(*) from client_record where provider_id = ? and private_notes is null")
			.param(theirs.id().value())
			.query(Long.class)
			.single()).as("their rows are untouched").isEqualTo(4);
	}

	@Test
	void aWriteCannotAddOrMoveRowsIntoAnotherTenant() {
		Provider mine = providers.provider("Wall Insert Mine Coaching");
		Provider theirs = providers.provider("Wall Insert Theirs Coaching");
		seedClients(mine, 1);

		assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
			tenantScope.enter(mine.id());
			jdbc.sql("""
					insert into client_record (id, provider_id, kind, status, display_name, created_by)
					values (gen_random_uuid(), ?, 'INDIVIDUAL', 'INTERNAL', 'Planted', ?)""")
				.params(theirs.id().value(), mine.owner().value())
				.update();
		})).isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("row-level security");
		assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
			tenantScope.enter(mine.id());
			jdbc.sql("update client_record set provider_id = ?").param(theirs.id().value()).update();
		})).isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("row-level security");

		assertThat(jdbc.sql("select count(*) from client_record where provider_id = ?")
			.param(theirs.id().value())
			.query(Long.class)
			.single()).isZero();
		assertThat(jdbc.sql("select count(*) from client_record where provider_id = ?")
			.param(mine.id().value())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	/**
	 * The services that change tenant data on behalf of a member put their transaction
	 * behind the wall before their first statement, so a forgotten filter in any of their
	 * statements is caught by PostgreSQL.
	 */
	@Test
	void membersWritesRunBehindTheWall() {
		Provider mine = providers.provider("Wall Services Coaching");
		CurrentUser owner = new CurrentUser(mine.owner(), new EmailAddress(mine.ownerEmail()), "Olivia Owner", true,
				mine.id(), "Wall Services Coaching", OrganizationRole.OWNER);
		ClientDetails.Individual ana = new ClientDetails.Individual("Ana", "Wall",
				new EmailAddress(Providers.uniqueEmail("ana")), null, null, List.of(), null);

		List<String> scopes = new ArrayList<>();
		ClientId created = transactions.execute(status -> {
			ClientId id = clients.createIndividuals(owner, List.of(ana), true).getFirst();
			scopes.add(scope());
			return id;
		});
		transactions.executeWithoutResult(status -> {
			clients.createIndividuals(owner,
					List.of(new ClientDetails.Individual("Internal", "Wall", null, null, null, List.of(), null)),
					false);
			scopes.add(scope());
		});
		transactions.executeWithoutResult(status -> {
			clients.archive(owner, created, true);
			scopes.add(scope());
		});
		transactions.executeWithoutResult(status -> {
			clients.update(owner, created, clients.find(owner, created));
			scopes.add(scope());
		});
		transactions.executeWithoutResult(status -> {
			InvitationId invitation = clients.invitationHistory(owner, created).getFirst().invitation().id();
			invitations.revoke(owner, invitation);
			scopes.add(scope());
		});
		transactions.executeWithoutResult(status -> {
			imports.preview(owner, "wall.csv",
					new ByteArrayInputStream(
							("first_name,last_name,email\nBo,Wall," + Providers.uniqueEmail("bo") + "\n")
								.getBytes(StandardCharsets.UTF_8)));
			scopes.add(scope());
		});

		assertThat(scopes).hasSize(6).allSatisfy(scope -> assertThat(scope).isEqualTo("rapport_tenant " + mine.id()));
	}

	/** The scope and the transaction's first query travel in one round trip. */
	@Test
	void aQuerySentWithTheScopeRunsBehindItAndSoDoesTheRestOfTheTransaction() {
		Provider mine = providers.provider("Wall Together Mine Coaching");
		Provider theirs = providers.provider("Wall Together Theirs Coaching");
		seedClients(mine, 2);
		seedClients(theirs, 3);

		List<String> seen = transactions.execute(status -> {
			List<String> rows = new ArrayList<>(
					tenantScope.enterAndQuery(mine.id(), "select count(*)::text from client_record where kind = ?",
							List.of("INDIVIDUAL"), (rs, n) -> rs.getString(1)));
			rows.add(scope());
			rows.add(jdbc.sql("select count(*)::text from client_record").query(String.class).single());
			return rows;
		});

		assertThat(seen).containsExactly("2", "rapport_tenant " + mine.id(), "2");
		assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
			tenantScope.enterAndQuery(mine.id(), "select 1", List.of(), (rs, n) -> 1);
			tenantScope.enter(theirs.id());
		})).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void aTransactionIsScopedToOneTenantOnly() {
		Provider mine = providers.provider("Wall One Mine Coaching");
		Provider theirs = providers.provider("Wall One Theirs Coaching");

		assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
			tenantScope.enter(mine.id());
			tenantScope.enter(mine.id());
			tenantScope.enter(theirs.id());
		})).isInstanceOf(IllegalStateException.class);
	}

	String scope() {
		return jdbc.sql("select current_user || ' ' || current_setting('rapport.tenant', true)")
			.query(String.class)
			.single();
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
