package app.rapport.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import app.rapport.audit.AuditEntry;
import app.rapport.audit.AuditLog;
import app.rapport.shared.AccountId;
import app.rapport.shared.OrganizationId;
import app.rapport.shared.Problem;
import app.rapport.shared.SecretToken;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Personal API tokens for scripts and integrations calling {@code /api/v1}. A token acts
 * as its owner in one organization; it is shown once at creation and only its hash is
 * stored.
 */
@Service
public class ApiTokens {

	/** Prefix that makes leaked tokens easy to recognise by secret scanners. */
	static final String PREFIX = "rpt_";

	static final int MAX_TOKENS_PER_ACCOUNT = 20;

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final AccessCache cache;

	private final TransactionTemplate transactions;

	/**
	 * Tokens used since their "last used" was last written; see {@link #stampLastUse()}.
	 */
	private final Set<UUID> used = ConcurrentHashMap.newKeySet();

	ApiTokens(JdbcClient jdbc, AuditLog audit, AccessCache cache, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.cache = cache;
		this.transactions = transactions;
	}

	/** Creates a token and returns its secret, which is never shown again. */
	@Transactional
	public CreatedToken create(AccountId owner, OrganizationId organizationId, String name) {
		String cleaned = name == null ? "" : name.strip();
		if (cleaned.isEmpty() || cleaned.length() > 100) {
			throw Problem.invalid("Give the token a name of 1 to 100 characters.");
		}
		long active = jdbc.sql("select count(*) from api_token where account_id = ? and revoked_at is null")
			.param(owner.value())
			.query(Long.class)
			.single();
		if (active >= MAX_TOKENS_PER_ACCOUNT) {
			throw Problem.conflict("You have " + MAX_TOKENS_PER_ACCOUNT + " active tokens. Revoke one first.");
		}
		SecretToken secret = SecretToken.generate();
		String value = PREFIX + secret.value();
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into api_token (id, account_id, organization_id, name, token_hash) values (?, ?, ?, ?, ?)")
			.params(id, owner.value(), organizationId.value(), cleaned, SecretToken.hash(value))
			.update();
		audit.record(new AuditEntry("API_TOKEN_CREATED", organizationId, owner, null, id.toString(), cleaned));
		return new CreatedToken(id, cleaned, value);
	}

	@Transactional(readOnly = true)
	public List<TokenInfo> list(AccountId owner) {
		return jdbc.sql("""
				select t.id, t.name, t.organization_id, t.created_at, t.last_used_at
				from api_token t where t.account_id = ? and t.revoked_at is null order by t.created_at desc""")
			.param(owner.value())
			.query((rs, n) -> new TokenInfo(rs.getObject("id", UUID.class), rs.getString("name"),
					new OrganizationId(rs.getObject("organization_id", UUID.class)),
					rs.getTimestamp("created_at").toInstant(),
					rs.getTimestamp("last_used_at") == null ? null : rs.getTimestamp("last_used_at").toInstant()))
			.list();
	}

	@Transactional
	public void revoke(AccountId owner, UUID tokenId) {
		int updated = jdbc
			.sql("update api_token set revoked_at = now() where id = ? and account_id = ? and revoked_at is null")
			.params(tokenId, owner.value())
			.update();
		if (updated == 0) {
			throw Problem.notFound("No such token.");
		}
		cache.changed(owner);
		audit.record(new AuditEntry("API_TOKEN_REVOKED", null, owner, null, tokenId.toString(), null));
	}

	/**
	 * The principal a bearer token stands for, or empty when it is unknown or revoked.
	 * Remembered by the {@link AccessCache}; otherwise one read, without a transaction:
	 * it brings the account along, so the request needs no second lookup. The occasional
	 * last-used stamp is a statement of its own.
	 */
	Optional<RapportPrincipal> authenticate(String bearer) {
		if (!bearer.startsWith(PREFIX) || bearer.length() > 100) {
			return Optional.empty();
		}
		String hash = SecretToken.hash(bearer);
		return cache.token(hash, () -> read(hash));
	}

	private Optional<RapportPrincipal> read(String hash) {
		Optional<TokenOwner> owner = jdbc.sql("""
				select t.id as token_id, t.organization_id as token_organization_id,
				       t.last_used_at < now() - interval '5 minutes' as stale,
				       a.id, a.email, a.display_name, a.password_hash, a.email_verified_at, a.created_at
				from api_token t join account a on a.id = t.account_id
				where t.token_hash = ? and t.revoked_at is null""")
			.param(hash)
			.query((rs, n) -> new TokenOwner(rs.getObject("token_id", UUID.class), AccountRepository.map(rs, n),
					rs.getObject("token_organization_id", UUID.class),
					rs.getObject("stale") == null || rs.getBoolean("stale")))
			.optional();
		owner.filter(TokenOwner::stale).ifPresent(token -> used.add(token.id()));
		return owner.map(token -> RapportPrincipal.ofToken(token.account(), token.organizationId()));
	}

	/**
	 * Writes when tokens were last used, a few seconds late and for all of them in one
	 * statement committed without waiting for the disk. Stamping it in the request cost a
	 * token's first request of every five minutes a commit of its own, which was most of
	 * an acceptance's time; a crash forgets at most those seconds of "last used", which
	 * only people read (the account page), and changes nobody's access.
	 */
	@Scheduled(fixedDelayString = "${rapport.api-tokens.last-use-interval:PT5S}")
	@PreDestroy
	void stampLastUse() {
		if (used.isEmpty()) {
			return;
		}
		List<UUID> ids = new ArrayList<>(used);
		ids.forEach(used::remove);
		try {
			transactions.executeWithoutResult(status -> {
				jdbc.sql("select set_config('synchronous_commit', 'off', true)").query().singleValue();
				jdbc.sql("update api_token set last_used_at = now() where id = any(?)")
					.param(ids.toArray(UUID[]::new))
					.update();
			});
		}
		catch (RuntimeException ex) {
			// the database is unreachable: the next run writes them
			used.addAll(ids);
			throw ex;
		}
	}

	private record TokenOwner(UUID id, AccountRepository.StoredAccount account, UUID organizationId, boolean stale) {
	}

	public record CreatedToken(UUID id, String name, String token) {
	}

	public record TokenInfo(UUID id, String name, OrganizationId organizationId, Instant createdAt,
			@Nullable Instant lastUsedAt) {
	}

}
