package app.rapport.account;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import app.rapport.shared.AccountId;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.EmailAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules that keep the access cache from ever serving what a change replaced. */
class AccessCacheTest {

	final AtomicLong now = new AtomicLong();

	final AccessCache cache = new AccessCache(now::get);

	final AtomicInteger reads = new AtomicInteger();

	@AfterEach
	void noSynchronizationLeft() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.clearSynchronization();
		}
	}

	static CurrentUser user(UUID account) {
		return new CurrentUser(new AccountId(account), new EmailAddress("a@example.com"), "A", true, null, null, null);
	}

	Optional<CurrentUser> lookUp(UUID account) {
		return cache.user(account, null, null, () -> {
			reads.incrementAndGet();
			return Optional.of(user(account));
		});
	}

	@Test
	void aLiveCacheReadsOnceAndServesFromMemory() {
		cache.goLive();
		UUID account = UUID.randomUUID();

		assertThat(lookUp(account)).contains(user(account));
		assertThat(lookUp(account)).contains(user(account));

		assertThat(reads).hasValue(1);
	}

	@Test
	void withoutItsListenerTheCacheKeepsNothing() {
		UUID account = UUID.randomUUID();
		lookUp(account);
		lookUp(account);
		assertThat(reads).as("not live yet").hasValue(2);

		cache.goLive();
		lookUp(account);
		cache.goDark();
		lookUp(account);
		assertThat(reads).as("what it held is forgotten when the listener drops").hasValue(4);
		assertThat(cache.size()).isZero();
	}

	@Test
	void anEvictionDuringTheReadIsNotUndoneByTheRead() {
		cache.goLive();
		UUID account = UUID.randomUUID();
		// the change commits, and its notification arrives, while this request is still
		// reading the old row
		cache.user(account, null, null, () -> {
			reads.incrementAndGet();
			cache.evict(Set.of(account), false);
			return Optional.of(user(account));
		});

		lookUp(account);

		assertThat(reads).as("the overlapping read was not kept").hasValue(2);
	}

	@Test
	void evictionForgetsOnlyThatAccount() {
		cache.goLive();
		UUID changed = UUID.randomUUID();
		UUID other = UUID.randomUUID();
		lookUp(changed);
		lookUp(other);

		cache.evict(Set.of(changed), false);
		lookUp(changed);
		lookUp(other);

		assertThat(reads).hasValue(3);
	}

	@Test
	void anOrganizationChangeForgetsEveryone() {
		cache.goLive();
		lookUp(UUID.randomUUID());
		lookUp(UUID.randomUUID());

		cache.organizationChanged();

		assertThat(cache.size()).isZero();
	}

	@Test
	void entriesExpire() {
		cache.goLive();
		UUID account = UUID.randomUUID();
		lookUp(account);
		now.addAndGet(AccessCache.TTL.toNanos() - 1);
		lookUp(account);
		assertThat(reads).hasValue(1);

		now.addAndGet(Duration.ofMillis(1).toNanos());
		lookUp(account);
		assertThat(reads).hasValue(2);
	}

	@Test
	void nothingIsKeptForUnknownTokensOrPeople() {
		cache.goLive();
		assertThat(cache.token("unknown", Optional::empty)).isEmpty();
		assertThat(cache.user(UUID.randomUUID(), null, null, Optional::empty)).isEmpty();
		assertThat(cache.size()).isZero();
	}

	@Test
	void theCacheIsBounded() {
		cache.goLive();
		for (int i = 0; i < AccessCache.MAX_ENTRIES + 50; i++) {
			lookUp(UUID.randomUUID());
		}
		assertThat(cache.size()).isEqualTo(AccessCache.MAX_ENTRIES);
	}

	@Test
	void aChangeInATransactionEvictsWhenTheTransactionEnds() {
		cache.goLive();
		UUID account = UUID.randomUUID();
		lookUp(account);
		TransactionSynchronizationManager.initSynchronization();

		cache.changed(new AccountId(account));
		assertThat(cache.size()).as("other requests still see the committed state").isEqualTo(1);
		for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
			synchronization.afterCompletion(TransactionSynchronization.STATUS_COMMITTED);
		}

		assertThat(cache.size()).isZero();
	}

	@Test
	void sharedEntriesAreForgottenAtAnyChange() {
		cache.goLive();
		AtomicInteger brandingReads = new AtomicInteger();
		record BrandingKey(int organization) {
		}
		java.util.function.Supplier<Optional<String>> load = () -> {
			brandingReads.incrementAndGet();
			return Optional.of("#123456");
		};
		cache.shared(new BrandingKey(1), load);
		cache.shared(new BrandingKey(1), load);
		assertThat(brandingReads).hasValue(1);

		cache.evict(Set.of(UUID.randomUUID()), false);
		cache.shared(new BrandingKey(1), load);

		assertThat(brandingReads).as("a change to any account may change what spans several").hasValue(2);
	}

}
