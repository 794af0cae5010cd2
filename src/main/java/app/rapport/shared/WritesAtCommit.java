package app.rapport.shared;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Inserts whose rows nothing reads before the transaction commits (audit entries,
 * notifications, outbox emails), written together just before the commit. A handful of
 * rows from several tables go out as one round trip: pgjdbc sends the statements of one
 * prepared statement together and PostgreSQL runs them in order, so an invitation's email
 * and audit entries cost one round trip instead of two. Larger sets (bulk invitations,
 * imports) go out as one batch per statement, which the driver rewrites into multi-row
 * inserts. A failing write fails the commit, so a row is there exactly when its
 * transaction committed; nothing is written on rollback.
 */
@Component
public class WritesAtCommit {

	/** Up to this many rows go out as one multi-statement round trip. */
	static final int TOGETHER = 16;

	private final JdbcTemplate jdbc;

	WritesAtCommit(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Adds rows for the statement to the current transaction's writes (in a transaction
	 * only); rows of one statement keep their order, statements run in the order first
	 * added.
	 */
	public void add(String sql, List<Object[]> rows) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			throw new IllegalStateException("writes at commit need a transaction");
		}
		if (rows.isEmpty()) {
			return;
		}
		Pending pending = pending();
		if (pending.flushed) {
			// added by another synchronization after ours ran: write at once
			jdbc.batchUpdate(sql, rows);
			return;
		}
		for (Batch batch : pending.batches) {
			if (batch.sql.equals(sql)) {
				batch.rows.addAll(rows);
				return;
			}
		}
		pending.batches.add(new Batch(sql, new ArrayList<>(rows)));
	}

	private Pending pending() {
		Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
		if (pending != null) {
			return pending;
		}
		Pending created = new Pending();
		TransactionSynchronizationManager.bindResource(this, created);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void beforeCommit(boolean readOnly) {
				write(created);
			}

			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(WritesAtCommit.this);
			}
		});
		return created;
	}

	private void write(Pending pending) {
		pending.flushed = true;
		int rows = pending.batches.stream().mapToInt(b -> b.rows.size()).sum();
		if (rows == 0) {
			return;
		}
		if (pending.batches.size() == 1 || rows > TOGETHER) {
			for (Batch batch : pending.batches) {
				jdbc.batchUpdate(batch.sql, batch.rows);
			}
			return;
		}
		StringBuilder sql = new StringBuilder();
		List<Object> params = new ArrayList<>();
		for (Batch batch : pending.batches) {
			for (Object[] row : batch.rows) {
				sql.append(sql.isEmpty() ? "" : ";\n").append(batch.sql);
				params.addAll(Arrays.asList(row));
			}
		}
		jdbc.execute(sql.toString(), (PreparedStatementCallback<Void>) statement -> {
			new ArgumentPreparedStatementSetter(params.toArray()).setValues(statement);
			statement.execute();
			return null;
		});
	}

	private static final class Pending {

		final List<Batch> batches = new ArrayList<>();

		boolean flushed;

	}

	private record Batch(String sql, List<Object[]> rows) {
	}

}
