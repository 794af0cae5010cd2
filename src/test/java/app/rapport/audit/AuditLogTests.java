package app.rapport.audit;

import java.util.List;
import java.util.UUID;

import app.rapport.Providers;
import app.rapport.Providers.Provider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Audit entries are written when their transaction commits, together: they exist exactly
 * when the change they describe does, in the order they were recorded.
 */
@SpringBootTest
class AuditLogTests {

	@Autowired
	AuditLog audit;

	@Autowired
	Providers providers;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	List<String> actionsOf(String target) {
		return jdbc.sql("select action from audit_event where target = ? order by id")
			.param(target)
			.query(String.class)
			.list();
	}

	AuditEntry entry(Provider provider, String action, String target) {
		return new AuditEntry(action, provider.id(), provider.owner(), "owner@audit.example", target, null);
	}

	@Test
	void entriesOfOneTransactionAreStoredInOrderWhenItCommits() {
		Provider provider = providers.provider("Audit Order Coaching");
		String target = "order-" + UUID.randomUUID();

		transactions.executeWithoutResult(status -> {
			audit.record(entry(provider, "FIRST", target));
			audit.recordAll(List.of(entry(provider, "SECOND", target), entry(provider, "THIRD", target)));
			audit.record(entry(provider, "FOURTH", target));
			// nothing is written before the commit
			assertThat(actionsOf(target)).isEmpty();
		});

		assertThat(actionsOf(target)).containsExactly("FIRST", "SECOND", "THIRD", "FOURTH");
	}

	@Test
	void entriesOfATransactionThatRollsBackAreNeverStored() {
		Provider provider = providers.provider("Audit Rollback Coaching");
		String target = "rollback-" + UUID.randomUUID();

		assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
			audit.record(entry(provider, "CHANGED", target));
			throw new IllegalStateException("the change fails");
		})).hasMessage("the change fails");
		transactions.executeWithoutResult(status -> {
			audit.record(entry(provider, "CHANGED", target));
			status.setRollbackOnly();
		});

		assertThat(actionsOf(target)).isEmpty();
	}

	@Test
	void anEntryRecordedWithoutATransactionIsStoredAtOnce() {
		Provider provider = providers.provider("Audit Alone Coaching");
		String target = "alone-" + UUID.randomUUID();

		audit.record(entry(provider, "ALONE", target));

		assertThat(actionsOf(target)).containsExactly("ALONE");
	}

	@Test
	void theNextTransactionStartsWithNothingPending() {
		Provider provider = providers.provider("Audit Next Coaching");
		String target = "next-" + UUID.randomUUID();

		transactions.executeWithoutResult(status -> audit.record(entry(provider, "ONE", target)));
		transactions.executeWithoutResult(status -> audit.record(entry(provider, "TWO", target)));

		assertThat(actionsOf(target)).containsExactly("ONE", "TWO");
	}

}
