package app.rapport.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Writes at commit: there exactly when their transaction committed, in one go. */
@SpringBootTest
class WritesAtCommitTests {

	static final String AUDIT = "insert into audit_event (action, target, details) values (?, ?, ?)";

	@Autowired
	WritesAtCommit writes;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	List<String> written(String marker) {
		return jdbc.sql("select details from audit_event where target = ? order by id")
			.param(marker)
			.query(String.class)
			.list();
	}

	List<Object[]> rows(String marker, int count) {
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			rows.add(new Object[] { "WRITES_TEST", marker, "row " + i });
		}
		return rows;
	}

	@Test
	void rowsOfSeveralStatementsAreWrittenInOrderWhenTheTransactionCommits() {
		String marker = UUID.randomUUID().toString();
		List<String> before = transactions.execute(status -> {
			writes.add(AUDIT, rows(marker, 2));
			writes.add("insert into audit_event (action, target, details) values (?, ?, 'other statement')",
					List.<Object[]>of(new Object[] { "WRITES_TEST", marker }));
			writes.add(AUDIT, List.<Object[]>of(new Object[] { "WRITES_TEST", marker, "row 2" }));
			return written(marker);
		});

		assertThat(before).as("nothing before the commit").isEmpty();
		assertThat(written(marker)).containsExactly("row 0", "row 1", "row 2", "other statement");
	}

	@Test
	void nothingIsWrittenWhenTheTransactionRollsBack() {
		String marker = UUID.randomUUID().toString();
		transactions.executeWithoutResult(status -> {
			writes.add(AUDIT, rows(marker, 3));
			status.setRollbackOnly();
		});

		assertThat(written(marker)).isEmpty();
	}

	@Test
	void manyRowsGoOutAsBatches() {
		String marker = UUID.randomUUID().toString();
		transactions.executeWithoutResult(status -> {
			writes.add(AUDIT, rows(marker, 500));
			writes.add("insert into audit_event (action, target, details) values (?, ?, 'other statement')",
					List.<Object[]>of(new Object[] { "WRITES_TEST", marker }));
		});

		assertThat(written(marker)).hasSize(501).startsWith("row 0", "row 1").endsWith("other statement");
	}

	@Test
	void aFailingWriteFailsTheCommitAndTakesTheTransactionWithIt() {
		String marker = UUID.randomUUID().toString();
		assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
			jdbc.sql("insert into audit_event (action, target, details) values ('WRITES_TEST', ?, 'direct')")
				.param(marker)
				.update();
			writes.add(AUDIT, rows(marker, 1));
			writes.add("insert into audit_event (action, target) values (?, ?::uuid)",
					List.<Object[]>of(new Object[] { "WRITES_TEST", "not a uuid" }));
		})).isInstanceOf(org.springframework.dao.DataAccessException.class);

		assertThat(written(marker)).as("the direct insert rolled back too").isEmpty();
	}

	@Test
	void writesAddedWhileTheTransactionCommitsAreNotLost() {
		String marker = UUID.randomUUID().toString();
		transactions.executeWithoutResult(status -> {
			writes.add(AUDIT, rows(marker, 1));
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void beforeCommit(boolean readOnly) {
					writes.add(AUDIT, List.<Object[]>of(new Object[] { "WRITES_TEST", marker, "late" }));
				}
			});
		});

		assertThat(written(marker)).containsExactly("row 0", "late");
	}

	@Test
	void outsideATransactionThereIsNothingToWaitFor() {
		assertThatThrownBy(() -> writes.add(AUDIT, rows("x", 1))).isInstanceOf(IllegalStateException.class);
	}

}
