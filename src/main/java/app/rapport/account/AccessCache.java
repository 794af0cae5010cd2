package app.rapport.account;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import app.rapport.shared.AccountId;
import app.rapport.shared.CurrentUser;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Who a request is, remembered on this node: the account and organization behind an API
 * token, and a person's account and membership. Without it every request spends two of
 * its few round trips on these reads.
 * <p>
 * An entry never outlives a change to what it was read from. Triggers on the account,
 * membership, organization and API token tables notify every node at commit
 * ({@link AccessChangeListener}); changes made on this node also evict after their own
 * commit ({@link #changed}). The cache serves entries only while the listener is
 * listening: when its connection drops, everything is forgotten and requests read the
 * database until it listens again. A read that overlaps an eviction is not kept. Entries
 * also expire after {@link #TTL} and the cache holds at most {@link #MAX_ENTRIES} of each
 * kind.
 */
@Component
public class AccessCache {

	static final Duration TTL = Duration.ofSeconds(30);

	static final int MAX_ENTRIES = 10_000;

	/** Notification payload that stands for every account (an organization changed). */
	static final String EVERYONE = "*";

	/** Account of the shared entries, which every change evicts. */
	private static final UUID EVERYONE_ID = new UUID(0, 0);

	private final Map<String, Entry<RapportPrincipal>> tokens = new ConcurrentHashMap<>();

	private final Map<UserKey, Entry<CurrentUser>> users = new ConcurrentHashMap<>();

	private final Map<Object, Entry<Object>> shared = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	private final LongSupplier nanoTime;

	private volatile boolean live;

	AccessCache() {
		this(System::nanoTime);
	}

	AccessCache(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
	}

	/**
	 * That an account's access changed in the current transaction: evicted at its commit.
	 */
	public void changed(AccountId account) {
		afterCommit(() -> evict(Set.of(account.value()), false));
	}

	/**
	 * That an organization changed (its name, or it was removed): everything is evicted
	 * at commit.
	 */
	public void organizationChanged() {
		afterCommit(() -> evict(Set.of(), true));
	}

	Optional<RapportPrincipal> token(String tokenHash, Supplier<Optional<RapportPrincipal>> load) {
		return lookup(tokens, tokenHash, load, RapportPrincipal::accountId);
	}

	Optional<CurrentUser> user(UUID account, @Nullable UUID preferredOrganization, @Nullable UUID tokenOrganization,
			Supplier<Optional<CurrentUser>> load) {
		return lookup(users, new UserKey(account, preferredOrganization, tokenOrganization), load,
				user -> user.accountId().value());
	}

	/**
	 * Something read from accounts, memberships or organizations for display or for a
	 * rule that spans several of them (an organization's branding, whether its owner has
	 * confirmed their email, a person's name for an email): remembered like the rest, and
	 * forgotten at every change to any account, membership or organization. The key must
	 * say what it is ({@code new BrandingKey(id)}, not the bare id).
	 */
	@SuppressWarnings("unchecked")
	public <T> Optional<T> shared(Object key, Supplier<Optional<T>> load) {
		Map<Object, Entry<T>> entries = (Map<Object, Entry<T>>) (Map<Object, ?>) shared;
		return lookup(entries, key, load, value -> EVERYONE_ID);
	}

	private <K, T> Optional<T> lookup(Map<K, Entry<T>> entries, K key, Supplier<Optional<T>> load,
			Function<T, UUID> accountOf) {
		long now = nanoTime.getAsLong();
		Entry<T> hit = entries.get(key);
		if (hit != null && live && now - hit.expires() < 0) {
			return Optional.of(hit.value());
		}
		long before = generation.get();
		boolean wasLive = live;
		Optional<T> loaded = load.get();
		if (loaded.isPresent() && wasLive && entries.size() < MAX_ENTRIES) {
			Entry<T> entry = new Entry<>(loaded.get(), accountOf.apply(loaded.get()), now + TTL.toNanos());
			entries.put(key, entry);
			// an eviction that began during the read may have missed this entry: take it
			// back
			if (generation.get() != before || !live) {
				entries.remove(key, entry);
			}
		}
		return loaded;
	}

	/** Forgets what was read for these accounts, or for everyone. */
	void evict(Set<UUID> accounts, boolean everyone) {
		generation.incrementAndGet();
		shared.clear();
		if (everyone) {
			tokens.clear();
			users.clear();
		}
		else if (!accounts.isEmpty()) {
			tokens.values().removeIf(entry -> accounts.contains(entry.account()));
			users.values().removeIf(entry -> accounts.contains(entry.account()));
		}
	}

	/** The listener listens: entries may be kept, starting from nothing. */
	void goLive() {
		evict(Set.of(), true);
		live = true;
	}

	/**
	 * The listener lost its connection: changes may go unheard, so nothing is served from
	 * memory.
	 */
	void goDark() {
		live = false;
		evict(Set.of(), true);
	}

	boolean live() {
		return live;
	}

	int size() {
		return tokens.size() + users.size() + shared.size();
	}

	private static void afterCommit(Runnable eviction) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					eviction.run();
				}
			});
		}
		else {
			eviction.run();
		}
	}

	private record Entry<T>(T value, UUID account, long expires) {
	}

	private record UserKey(UUID account, @Nullable UUID preferred, @Nullable UUID tokenOrganization) {
	}

}
