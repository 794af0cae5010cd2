package app.rapport.shared;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.RowMapperResultSetExtractor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The second wall between tenants: puts the current transaction under PostgreSQL
 * row-level security for one organization, so that a statement that forgets its tenant
 * filter still reads, changes and adds only that organization's rows. Reads and writes of
 * tenant data on behalf of a member call {@link #enter(OrganizationId)} at the start of
 * their transaction; the setting ends with the transaction.
 */
@Component
public class TenantScope {

	private static final Logger log = LoggerFactory.getLogger(TenantScope.class);

	/**
	 * set_config('role', …, true) is SET LOCAL ROLE; both settings end with the
	 * transaction.
	 */
	private static final String SCOPE = "select set_config('rapport.tenant', ?, true), set_config('role', 'rapport_tenant', true)";

	private final JdbcTemplate jdbc;

	private volatile Boolean available;

	TenantScope(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Restricts the rest of the current transaction to the organization's rows. Entering
	 * the same organization again (a service calling another within one transaction)
	 * costs nothing; entering another one is a programming error.
	 */
	public void enter(OrganizationId organization) {
		Object transaction = transaction();
		if (alreadyEntered(transaction, organization) || !available()) {
			return;
		}
		jdbc.query(SCOPE, (ResultSetExtractor<Void>) rs -> null, organization.toString());
		remember(transaction, organization);
	}

	/**
	 * Enters the scope and runs the transaction's first query behind it, in one round
	 * trip (the two statements travel together and run in order, so the query already
	 * runs as the tenant). Inside a scope already entered it is the query alone.
	 */
	public <T> List<T> enterAndQuery(OrganizationId organization, String sql, List<?> params, RowMapper<T> rows) {
		return enterAndQuery(organization, Planning.DEFAULT, sql, params, rows);
	}

	/**
	 * How PostgreSQL plans the query of
	 * {@link #enterAndQuery(OrganizationId, Planning, String, List, RowMapper)} and the
	 * rest of the transaction.
	 */
	public enum Planning {

		/**
		 * For the values of each execution, or generically when that looks no costlier.
		 */
		DEFAULT(""),

		/**
		 * Once, with the prepared statement's generic plan, for a query whose best plan
		 * is the same whatever its parameters (a keyset page read through its index).
		 * PostgreSQL picks a generic plan only when its estimated cost is below a custom
		 * plan's and the planning together; for a keyset condition it estimates a third
		 * of the rows, which made the generic plan look a little costlier, and each page
		 * was planned anew, which took twice as long as reading it.
		 */
		GENERIC("set_config('plan_cache_mode', 'force_generic_plan', true)"),

		/**
		 * Once, generically, reading index ranges in order rather than through bitmaps: a
		 * bounded read of a range ({@code limit}) then stops at its bound, where a bitmap
		 * would first collect the whole range.
		 */
		GENERIC_INDEX_SCANS(
				"set_config('plan_cache_mode', 'force_generic_plan', true), set_config('enable_bitmapscan', 'off', true)"),

		/**
		 * For the values, as {@link #DEFAULT}, after a query of the same transaction was
		 * planned otherwise: both settings back to the database's own.
		 */
		RESTORED(
				"set_config('plan_cache_mode', (select reset_val from pg_settings where name = 'plan_cache_mode'), true), "
						+ "set_config('enable_bitmapscan', (select reset_val from pg_settings where name = 'enable_bitmapscan'), true)");

		private final String settings;

		Planning(String settings) {
			this.settings = settings;
		}

	}

	/**
	 * {@link #enterAndQuery(OrganizationId, String, List, RowMapper)} planned as asked;
	 * the setting holds for the rest of the transaction, and inside a scope already
	 * entered it travels with the query.
	 */
	public <T> List<T> enterAndQuery(OrganizationId organization, Planning planning, String sql, List<?> params,
			RowMapper<T> rows) {
		Object transaction = transaction();
		boolean enter = !alreadyEntered(transaction, organization) && available();
		if (!enter && planning == Planning.DEFAULT) {
			return jdbc.query(sql, rows, params.toArray());
		}
		List<Object> all = new ArrayList<>(params.size() + 1);
		if (enter) {
			all.add(organization.toString());
		}
		all.addAll(params);
		String first = !enter ? "select " + planning.settings
				: planning == Planning.DEFAULT ? SCOPE : SCOPE + ", " + planning.settings;
		List<T> result = afterSettings(first, sql, all, rows);
		if (enter) {
			remember(transaction, organization);
		}
		return result;
	}

	/**
	 * A query outside the wall (one with an explicit tenant filter of its own), planned
	 * as asked; the setting holds for the rest of the transaction.
	 */
	public <T> List<T> queryOutside(Planning planning, String sql, List<?> params, RowMapper<T> rows) {
		transaction();
		if (planning == Planning.DEFAULT) {
			return jdbc.query(sql, rows, params.toArray());
		}
		return afterSettings("select " + planning.settings, sql, params, rows);
	}

	/**
	 * The query's rows, sent in one round trip after the statement that sets the
	 * transaction's settings; the parameters are the settings' then the query's.
	 */
	private <T> List<T> afterSettings(String settings, String sql, List<?> params, RowMapper<T> rows) {
		return jdbc.execute(settings + ";\n" + sql, (PreparedStatementCallback<List<T>>) statement -> {
			new ArgumentPreparedStatementSetter(params.toArray()).setValues(statement);
			statement.execute();
			if (!statement.getMoreResults()) {
				throw new IllegalStateException("the query after the settings returned no rows");
			}
			try (ResultSet resultSet = statement.getResultSet()) {
				return new RowMapperResultSetExtractor<>(rows).extractData(resultSet);
			}
		});
	}

	/**
	 * The current transaction's connection holder, on which the scope is remembered: a
	 * transaction suspended for another keeps its own.
	 */
	private @Nullable Object transaction() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("a tenant scope needs a transaction");
		}
		return TransactionSynchronizationManager.getResource(jdbc.getDataSource());
	}

	/**
	 * Whether the transaction is behind the wall for this organization already; being
	 * behind it for another one is a programming error.
	 */
	private static boolean alreadyEntered(@Nullable Object transaction, OrganizationId organization) {
		Object entered = transaction == null ? null : TransactionSynchronizationManager.getResource(transaction);
		if (entered != null && !entered.equals(organization)) {
			throw new IllegalStateException("this transaction is already scoped to another organization");
		}
		return entered != null;
	}

	private void remember(@Nullable Object transaction, OrganizationId organization) {
		if (transaction != null) {
			TransactionSynchronizationManager.bindResource(transaction, organization);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(transaction);
				}
			});
		}
	}

	private boolean available() {
		Boolean known = available;
		if (known == null) {
			known = Boolean.TRUE.equals(jdbc.queryForObject(
					"select pg_has_role(current_user, 'rapport_tenant', 'MEMBER') from pg_roles where rolname = 'rapport_tenant'"
							+ " union all select false limit 1",
					Boolean.class));
			if (!known) {
				log.warn("Row-level security is off: the database user is not a member of the rapport_tenant role");
			}
			available = known;
		}
		return known;
	}

}
