package app.rapport.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.rapport.shared.AccountId;
import app.rapport.shared.EmailAddress;
import app.rapport.shared.SecretToken;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AccountRepository {

	private static final String COLUMNS = "id, email, display_name, password_hash, email_verified_at, created_at";

	private final JdbcClient jdbc;

	private final AccessCache cache;

	AccountRepository(JdbcClient jdbc, AccessCache cache) {
		this.jdbc = jdbc;
		this.cache = cache;
	}

	/** Inserts the account unless the email is taken; tells whether it did. */
	boolean insertIfAbsent(AccountId id, EmailAddress email, String displayName, @Nullable String passwordHash) {
		return jdbc.sql("""
				insert into account (id, email, display_name, password_hash) values (?, ?, ?, ?)
				on conflict (email) do nothing""")
			.params(id.value(), email.value(), displayName, passwordHash)
			.update() == 1;
	}

	Optional<StoredAccount> findByEmail(EmailAddress email) {
		return jdbc.sql("select " + COLUMNS + " from account where email = ?")
			.param(email.value())
			.query(AccountRepository::map)
			.optional();
	}

	Optional<StoredAccount> findById(AccountId id) {
		return jdbc.sql("select " + COLUMNS + " from account where id = ?")
			.param(id.value())
			.query(AccountRepository::map)
			.optional();
	}

	List<StoredAccount> findAllByEmail(Collection<EmailAddress> emails) {
		if (emails.isEmpty()) {
			return List.of();
		}
		String[] array = emails.stream().map(EmailAddress::value).toArray(String[]::new);
		return jdbc.sql("select " + COLUMNS + " from account where email = any(?)")
			.param(array)
			.query(AccountRepository::map)
			.list();
	}

	/**
	 * What other modules may know of these accounts, without their password hashes: a
	 * page of Manage users reads a hundred.
	 */
	List<AccountSummary> summaries(Collection<AccountId> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select id, email, display_name, email_verified_at, created_at from account where id = any(?)")
			.param(ids.stream().map(AccountId::value).toArray(UUID[]::new))
			.query((rs, n) -> {
				Timestamp verified = rs.getTimestamp(4);
				return new AccountSummary(new AccountId(rs.getObject(1, UUID.class)), new EmailAddress(rs.getString(2)),
						rs.getString(3), verified == null ? null : verified.toInstant(),
						rs.getTimestamp(5).toInstant());
			})
			.list();
	}

	void updatePasswordHash(AccountId id, String hash) {
		jdbc.sql("update account set password_hash = ? where id = ?").params(hash, id.value()).update();
		cache.changed(id);
	}

	void updateDisplayName(AccountId id, String name) {
		jdbc.sql("update account set display_name = ? where id = ?").params(name, id.value()).update();
		cache.changed(id);
	}

	void markVerified(AccountId id) {
		jdbc.sql("update account set email_verified_at = coalesce(email_verified_at, now()) where id = ?")
			.param(id.value())
			.update();
		cache.changed(id);
	}

	private void insertToken(String tokenHash, AccountId id, TokenPurpose purpose, Duration validity) {
		jdbc.sql("""
				insert into account_token (token_hash, account_id, purpose, expires_at)
				values (?, ?, ?, now() + ?::interval)""")
			.params(tokenHash, id.value(), purpose.name(), validity.toSeconds() + " seconds")
			.update();
	}

	/**
	 * Replaces any unused token of this purpose with a new one, which is returned (and
	 * stored hashed).
	 */
	SecretToken issueToken(AccountId id, TokenPurpose purpose, Duration validity) {
		invalidateTokens(id, purpose);
		SecretToken token = SecretToken.generate();
		insertToken(token.hash(), id, purpose, validity);
		return token;
	}

	/**
	 * Marks the token used and returns its account, in one statement so two concurrent
	 * uses cannot both succeed.
	 */
	Optional<AccountId> consumeToken(String tokenHash, TokenPurpose purpose) {
		return jdbc.sql("""
				update account_token set used_at = now()
				where token_hash = ? and purpose = ? and used_at is null and expires_at > now()
				returning account_id""")
			.params(tokenHash, purpose.name())
			.query((rs, n) -> new AccountId(rs.getObject(1, UUID.class)))
			.optional();
	}

	Optional<AccountId> peekToken(String tokenHash, TokenPurpose purpose) {
		return jdbc.sql("""
				select account_id from account_token
				where token_hash = ? and purpose = ? and used_at is null and expires_at > now()""")
			.params(tokenHash, purpose.name())
			.query((rs, n) -> new AccountId(rs.getObject(1, UUID.class)))
			.optional();
	}

	void invalidateTokens(AccountId id, TokenPurpose purpose) {
		jdbc.sql("update account_token set used_at = now() where account_id = ? and purpose = ? and used_at is null")
			.params(id.value(), purpose.name())
			.update();
	}

	/**
	 * Maps a row that has the account's columns, also one of a join (the API token
	 * look-up).
	 */
	static StoredAccount map(ResultSet rs, int row) throws SQLException {
		Timestamp verified = rs.getTimestamp("email_verified_at");
		return new StoredAccount(new AccountId(rs.getObject("id", UUID.class)), new EmailAddress(rs.getString("email")),
				rs.getString("display_name"), rs.getString("password_hash"),
				verified == null ? null : verified.toInstant(), rs.getTimestamp("created_at").toInstant());
	}

	enum TokenPurpose {

		VERIFY_EMAIL, RESET_PASSWORD

	}

	record StoredAccount(AccountId id, EmailAddress email, String displayName, @Nullable String passwordHash,
			@Nullable Instant emailVerifiedAt, Instant createdAt) {

		AccountSummary summary() {
			return new AccountSummary(id, email, displayName, emailVerifiedAt, createdAt);
		}

	}

}
