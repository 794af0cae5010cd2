package app.rapport.client;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.rapport.shared.AccountId;
import app.rapport.shared.OrganizationId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class ClientImportRepository {

	/**
	 * Rows per insert statement: 1,000 rows of 11 parameters stay far below PostgreSQL's
	 * 65,535 bind parameters, and 10,000 clients take ten round trips.
	 */
	static final int CHUNK = 1_000;

	private static final TypeReference<List<ClientImport.Row>> ROWS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final JsonMapper json = JsonMapper.builder().build();

	ClientImportRepository(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	void insert(ClientImport preview, OrganizationId organizationId, AccountId accountId) {
		jdbc.sql("""
				insert into client_import (id, organization_id, account_id, file_name, rows, new_count, duplicate_count,
				                           invalid_count, created_at, expires_at)
				values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)""")
			.params(preview.id(), organizationId.value(), accountId.value(), preview.fileName(),
					json.writeValueAsString(preview.rows()), preview.newCount(), preview.duplicateCount(),
					preview.invalidCount(), Timestamp.from(preview.createdAt()), Timestamp.from(preview.expiresAt()))
			.update();
	}

	/**
	 * The import of this organization and person; with {@code lock} the row stays locked
	 * until the transaction ends, so two commits of one import run one after the other.
	 */
	Optional<ClientImport> find(UUID id, OrganizationId organizationId, AccountId accountId, boolean lock) {
		return jdbc
			.sql("""
					select id, file_name, rows::text, new_count, duplicate_count, invalid_count, created_at, expires_at,
					       committed_at, imported_count, invited
					from client_import where id = ? and organization_id = ? and account_id = ?"""
					+ (lock ? " for update" : ""))
			.params(id, organizationId.value(), accountId.value())
			.query((rs, n) -> new ClientImport(rs.getObject(1, UUID.class), rs.getString(2),
					json.readValue(rs.getString(3), ROWS), rs.getInt(4), rs.getInt(5), rs.getInt(6),
					rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(),
					rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant(), (Integer) rs.getObject(10),
					(Boolean) rs.getObject(11)))
			.optional();
	}

	void markCommitted(UUID id, int imported, boolean invited, Instant now) {
		jdbc.sql("update client_import set committed_at = ?, imported_count = ?, invited = ? where id = ?")
			.params(Timestamp.from(now), imported, invited, id)
			.update();
	}

	/** Forgets imports that expired more than a day ago. */
	int deleteExpired(Instant now) {
		return jdbc.sql("delete from client_import where expires_at < ?")
			.param(Timestamp.from(now.minusSeconds(86_400)))
			.update();
	}

	/** Inserts new individual client records with multi-row inserts of {@link #CHUNK}. */
	void insertIndividuals(List<ClientRepository.NewClient> clients, Instant now) {
		for (int from = 0; from < clients.size(); from += CHUNK) {
			List<ClientRepository.NewClient> chunk = clients.subList(from, Math.min(clients.size(), from + CHUNK));
			StringBuilder sql = new StringBuilder(
					"""
							insert into client_record (id, provider_id, kind, status, display_name, first_name, last_name, email,
							                           phone, tags, created_by, last_invited_at) values """);
			List<Object> params = new ArrayList<>(chunk.size() * 11);
			for (int i = 0; i < chunk.size(); i++) {
				ClientRepository.NewClient c = chunk.get(i);
				sql.append(i == 0 ? "" : ",").append("(?, ?, 'INDIVIDUAL', ?, ?, ?, ?, ?, ?, ?, ?, ?)");
				params.add(c.id());
				params.add(c.providerId().value());
				params.add(c.status().name());
				params.add(c.displayName());
				params.add(c.firstName());
				params.add(c.lastName());
				params.add(c.email());
				params.add(c.phone());
				params.add(c.tags().toArray(String[]::new));
				params.add(c.createdBy().value());
				params.add(c.status() == ClientStatus.INVITED ? Timestamp.from(now) : null);
			}
			template.update(sql.toString(), params.toArray());
		}
	}

}
