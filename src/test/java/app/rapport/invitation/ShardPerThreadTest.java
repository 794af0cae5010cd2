package app.rapport.invitation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShardPerThreadTest {

	@Test
	void threadsRunningAtOnceWriteDifferentRowsAndEachKeepsItsOwn() throws Exception {
		InvitationRepository.ShardPerThread shards = new InvitationRepository.ShardPerThread(8, 5);
		Set<Integer> taken = ConcurrentHashMap.newKeySet();
		Set<Boolean> steady = ConcurrentHashMap.newKeySet();
		CyclicBarrier together = new CyclicBarrier(8);
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			threads.add(Thread.ofPlatform().start(() -> {
				try {
					together.await();
					int shard = shards.get();
					taken.add(shard);
					steady.add(shards.get() == shard);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(taken).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
		assertThat(steady).containsExactly(true);
	}

	@Test
	void aNinthThreadSharesARowWithinTheCheckOfTheTable() throws Exception {
		InvitationRepository.ShardPerThread shards = new InvitationRepository.ShardPerThread(8, Integer.MAX_VALUE);
		List<Integer> seen = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			int[] shard = new int[1];
			Thread thread = Thread.ofPlatform().start(() -> shard[0] = shards.get());
			thread.join();
			seen.add(shard[0]);
		}
		assertThat(seen).allMatch(shard -> shard >= 0 && shard < 8);
		assertThat(seen.subList(0, 8)).doesNotHaveDuplicates();
		assertThat(seen.get(8)).isEqualTo(seen.get(0));
	}

}
