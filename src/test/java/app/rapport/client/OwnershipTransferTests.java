package app.rapport.client;

import java.util.UUID;

import app.rapport.Providers;
import app.rapport.Providers.Provider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accepting an invitation transfers the record with a HOT update (no index of
 * client_record changes, V18) and the owner finds the record afterwards.
 */
@SpringBootTest
class OwnershipTransferTests {

	@Autowired
	Providers providers;

	@Autowired
	ClientRepository clients;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void theTransferIsAHotUpdateAndTheOwnerFindsTheRecord() {
		Provider provider = providers.provider("Hot Update Coaching");
		Provider owner = providers.provider("Owner Holding");
		ClientId id = new ClientId(UUID.randomUUID());
		jdbc.sql("""
				insert into client_record (id, provider_id, kind, status, display_name, first_name, last_name, email,
				                           created_by)
				values (?, ?, 'INDIVIDUAL', 'INVITED', 'Hana Hot', 'Hana', 'Hot', ?, ?)""")
			.params(id.value(), provider.id().value(), Providers.uniqueEmail("hana"), provider.owner().value())
			.update();

		long[] updates = transactions.execute(status -> {
			assertThat(clients.transferOwnership(provider.id(), id, owner.owner(), null)).isTrue();
			// this transaction's own counts, before they reach the statistics views
			return jdbc.sql("""
					select pg_stat_get_xact_tuples_updated('client_record'::regclass),
					       pg_stat_get_xact_tuples_hot_updated('client_record'::regclass)""")
				.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
				.single();
		});

		assertThat(updates).containsExactly(1, 1);
		assertThat(clients.ownedBy(owner.owner())).extracting(ClientRecord::id).containsExactly(id);
		assertThat(clients.find(provider.id(), id).orElseThrow().status()).isEqualTo(ClientStatus.OWNED);
		assertThat(clients.transferOwnership(provider.id(), id, provider.owner(), null))
			.as("a record owned already is not transferred again")
			.isFalse();
		assertThat(clients.ownedBy(provider.owner())).isEmpty();
	}

}
