package app.rapport.shared;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class GroupCommitTest {

	private final List<List<String>> groupsRun = Collections.synchronizedList(new ArrayList<>());

	private final GroupCommit<String, String, String> commit = new GroupCommit<>(10, String::length, 1);

	private List<String> upperCase(List<String> writes) {
		groupsRun.add(writes);
		if (writes.size() > 1 && writes.contains("bad")) {
			throw new IllegalArgumentException("a bad write in the group");
		}
		if (writes.equals(List.of("bad"))) {
			throw new IllegalArgumentException("bad alone");
		}
		return writes.stream().map(String::toUpperCase).toList();
	}

	@Test
	void aGroupsResultsAreCutBackIntoOneListPerWrite() {
		assertThat(GroupCommit.slices(List.of(List.of("a", "b"), List.of("c"), List.of("d", "e", "f")),
				List.of(1, 2, 3, 4, 5, 6)))
			.containsExactly(List.of(1, 2), List.of(3), List.of(4, 5, 6));
	}

	@Test
	void aLoneWriteRunsAtOnceAndAlone() {
		assertThat(commit.submit("ana", "a", this::upperCase)).isEqualTo("A");

		assertThat(groupsRun).containsExactly(List.of("a"));
	}

	@Test
	void writesQueuedWhileOthersRunShareOneGroup() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
			Future<String> first = firstWriteHeldUntil(release, pool);
			List<Future<String>> later = new ArrayList<>();
			for (String write : List.of("b", "c", "d", "e")) {
				later.add(pool.submit(() -> commit.submit("ana", write, this::upperCase)));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> commit.queued("ana") == 4);
			release.countDown();

			assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("FIRST");
			List<String> results = new ArrayList<>();
			for (Future<String> answer : later) {
				results.add(answer.get(10, TimeUnit.SECONDS));
			}
			assertThat(results).containsExactly("B", "C", "D", "E");
		}
		assertThat(groupsRun).hasSize(2);
		assertThat(groupsRun.get(1)).containsExactlyInAnyOrder("b", "c", "d", "e");
		assertThat(commit.queued("ana")).isZero();
	}

	@Test
	void aFailingGroupGivesEachWriteItsOwnOutcome() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
			Future<String> first = firstWriteHeldUntil(release, pool);
			Future<String> good = pool.submit(() -> commit.submit("ana", "good", this::upperCase));
			await().atMost(Duration.ofSeconds(10)).until(() -> commit.queued("ana") == 1);
			Future<String> bad = pool.submit(() -> commit.submit("ana", "bad", this::upperCase));
			await().atMost(Duration.ofSeconds(10)).until(() -> commit.queued("ana") == 2);
			release.countDown();

			assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("FIRST");
			assertThat(good.get(10, TimeUnit.SECONDS)).isEqualTo("GOOD");
			assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class)
				.cause()
				.hasMessage("bad alone");
		}
		assertThat(groupsRun).containsExactly(List.of("first"), List.of("good", "bad"), List.of("good"),
				List.of("bad"));
	}

	@Test
	void aGroupHoldsNoMoreThanItsWeight() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		try (ExecutorService pool = Executors.newFixedThreadPool(5)) {
			Future<String> first = firstWriteHeldUntil(release, pool);
			List<Future<String>> later = new ArrayList<>();
			// weights 6, 4, 3: the first two fill a group of 10, the third waits for the
			// next
			for (String write : List.of("abcdef", "ghij", "klm")) {
				later.add(pool.submit(() -> commit.submit("ana", write, this::upperCase)));
				int queued = later.size();
				await().atMost(Duration.ofSeconds(10)).until(() -> commit.queued("ana") == queued);
			}
			release.countDown();
			for (Future<String> answer : later) {
				answer.get(10, TimeUnit.SECONDS);
			}
			first.get(10, TimeUnit.SECONDS);
		}
		assertThat(groupsRun).containsExactly(List.of("first"), List.of("abcdef", "ghij"), List.of("klm"));
	}

	@Test
	void writesOfAnotherKeyDoNotWait() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
			Future<String> blocked = firstWriteHeldUntil(release, pool);

			assertThat(commit.submit("ben", "x", this::upperCase)).isEqualTo("X");

			release.countDown();
			assertThat(blocked.get(10, TimeUnit.SECONDS)).isEqualTo("FIRST");
		}
	}

	@Test
	void aWriteInsideATransactionIsNeverGrouped() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
			Future<String> blocked = firstWriteHeldUntil(release, pool);
			TransactionSynchronizationManager.setActualTransactionActive(true);
			try {
				// runs at once in the caller's transaction, although the key is busy
				assertThat(commit.submit("ana", "mine", this::upperCase)).isEqualTo("MINE");
			}
			finally {
				TransactionSynchronizationManager.setActualTransactionActive(false);
			}
			release.countDown();
			assertThat(blocked.get(10, TimeUnit.SECONDS)).isEqualTo("FIRST");
		}
	}

	@Test
	void anErrorInAGroupStillAnswersEveryWaitingCaller() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
			Future<String> first = pool.submit(() -> commit.submit("ana", "first", writes -> {
				groupsRun.add(writes);
				waitFor(release);
				throw new OutOfMemoryError("pretend");
			}));
			await().atMost(Duration.ofSeconds(10)).until(() -> groupsRun.size() == 1);
			Future<String> next = pool.submit(() -> commit.submit("ana", "next", this::upperCase));
			await().atMost(Duration.ofSeconds(10)).until(() -> commit.queued("ana") == 1);
			release.countDown();

			assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(OutOfMemoryError.class);
			// the next caller was not in the failed group: it leads its own
			assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo("NEXT");
		}
	}

	@Test
	void asynchronousWritesQueuedWhileAGroupRunsAreAnsweredByTheNextGroup() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		GroupCommit.Work<String, String> blockingFirst = writes -> {
			groupsRun.add(writes);
			if (writes.contains("first")) {
				waitFor(release);
			}
			if (writes.contains("bad")) {
				throw new IllegalArgumentException(writes.size() == 1 ? "bad alone" : "group");
			}
			return writes.stream().map(String::toUpperCase).toList();
		};
		CompletableFuture<String> first = commit.submitAsync("ana", "first", blockingFirst, GroupCommit.RUNNERS);
		await().atMost(Duration.ofSeconds(10)).until(() -> groupsRun.size() == 1);
		// the callers' threads do not wait: each gets its future at once
		List<CompletableFuture<String>> later = new ArrayList<>();
		for (String write : List.of("b", "bad", "c")) {
			later.add(commit.submitAsync("ana", write, blockingFirst, GroupCommit.RUNNERS));
		}
		assertThat(later).noneMatch(CompletableFuture::isDone);
		assertThat(commit.queued("ana")).isEqualTo(3);
		release.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("FIRST");
		assertThat(later.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("B");
		assertThatThrownBy(() -> later.get(1).get(10, TimeUnit.SECONDS)).cause().hasMessage("bad alone");
		assertThat(later.get(2).get(10, TimeUnit.SECONDS)).isEqualTo("C");
		assertThat(groupsRun).containsExactly(List.of("first"), List.of("b", "bad", "c"), List.of("b"), List.of("bad"),
				List.of("c"));
		await().atMost(Duration.ofSeconds(10)).until(() -> commit.queued("ana") == 0);
	}

	@Test
	void anErrorInAnAsynchronousGroupStillAnswersItAndTheWritesQueuedBehindIt() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		GroupCommit.Work<String, String> work = writes -> {
			groupsRun.add(writes);
			if (writes.contains("first")) {
				waitFor(release);
				throw new OutOfMemoryError("pretend");
			}
			return writes.stream().map(String::toUpperCase).toList();
		};
		CompletableFuture<String> first = commit.submitAsync("ana", "first", work, GroupCommit.RUNNERS);
		await().atMost(Duration.ofSeconds(10)).until(() -> groupsRun.size() == 1);
		CompletableFuture<String> next = commit.submitAsync("ana", "next", work, GroupCommit.RUNNERS);
		release.countDown();

		assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).cause()
			.hasMessage("the grouped write did not finish");
		assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo("NEXT");
		assertThat(commit.submitAsync("ana", "later", work, GroupCommit.RUNNERS).get(10, TimeUnit.SECONDS))
			.isEqualTo("LATER");
	}

	@Test
	void anAsynchronousWriteInsideATransactionRunsAtOnceInIt() {
		TransactionSynchronizationManager.setActualTransactionActive(true);
		try {
			CompletableFuture<String> answer = commit.submitAsync("ana", "mine", this::upperCase, command -> {
				throw new AssertionError("no runner thread for a caller in a transaction");
			});
			assertThat(answer).isCompletedWithValue("MINE");
			assertThat(commit.submitAsync("ana", "bad", this::upperCase, GroupCommit.RUNNERS))
				.isCompletedExceptionally();
		}
		finally {
			TransactionSynchronizationManager.setActualTransactionActive(false);
		}
	}

	@ParameterizedTest
	@ValueSource(longs = { 11, 12, 13 })
	void everyAsynchronousCallerGetsItsOwnOutcomeUnderContention(long seed) throws Exception {
		Random random = new Random(seed);
		List<String> succeeded = Collections.synchronizedList(new ArrayList<>());
		GroupCommit<Integer, String, String> grouped = new GroupCommit<>(7, write -> 1, 1);
		GroupCommit.Work<String, String> work = writes -> {
			if (writes.stream().anyMatch(write -> write.startsWith("bad"))) {
				throw new IllegalArgumentException(writes.size() == 1 ? writes.getFirst() : "group");
			}
			succeeded.addAll(writes);
			return writes.stream().map(write -> "done " + write).toList();
		};
		List<String> writes = new ArrayList<>();
		for (int i = 0; i < 3000; i++) {
			writes.add((random.nextInt(10) == 0 ? "bad " : "ok ") + i);
		}
		List<CompletableFuture<String>> answers = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			List<Future<CompletableFuture<String>>> submitted = new ArrayList<>();
			for (String write : writes) {
				submitted
					.add(pool.submit(() -> grouped.submitAsync(write.length() % 2, write, work, GroupCommit.RUNNERS)));
			}
			for (Future<CompletableFuture<String>> future : submitted) {
				answers.add(future.get(10, TimeUnit.SECONDS));
			}
		}
		for (int i = 0; i < writes.size(); i++) {
			String write = writes.get(i);
			CompletableFuture<String> answer = answers.get(i);
			if (write.startsWith("bad")) {
				assertThatThrownBy(() -> answer.get(30, TimeUnit.SECONDS)).cause().hasMessage(write);
			}
			else {
				assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo("done " + write);
			}
		}
		assertThat(succeeded)
			.containsExactlyInAnyOrderElementsOf(writes.stream().filter(write -> write.startsWith("ok")).toList());
	}

	/**
	 * Many callers at once, some of whose writes fail: each gets exactly its own outcome
	 * and no write is lost or run twice with success.
	 */
	@ParameterizedTest
	@ValueSource(longs = { 1, 2, 3, 4, 5 })
	void everyCallerGetsItsOwnOutcomeUnderContention(long seed) throws Exception {
		Random random = new Random(seed);
		int callers = 8;
		int perCaller = 300;
		List<String> succeeded = Collections.synchronizedList(new ArrayList<>());
		GroupCommit<Integer, String, String> grouped = new GroupCommit<>(5, write -> 1, 2);
		GroupCommit.Work<String, String> work = writes -> {
			if (writes.stream().anyMatch(write -> write.startsWith("bad"))) {
				throw new IllegalArgumentException(writes.size() == 1 ? writes.getFirst() : "group");
			}
			succeeded.addAll(writes);
			return writes.stream().map(write -> "done " + write).toList();
		};
		List<List<String>> plans = new ArrayList<>();
		for (int c = 0; c < callers; c++) {
			List<String> plan = new ArrayList<>();
			for (int i = 0; i < perCaller; i++) {
				plan.add((random.nextInt(10) == 0 ? "bad " : "ok ") + c + "/" + i);
			}
			plans.add(plan);
		}
		try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
			List<Future<Integer>> mismatches = new ArrayList<>();
			for (List<String> plan : plans) {
				mismatches.add(pool.submit(() -> {
					int wrong = 0;
					for (String write : plan) {
						int key = write.hashCode() & 1;
						try {
							if (!grouped.submit(key, write, work).equals("done " + write) || write.startsWith("bad")) {
								wrong++;
							}
						}
						catch (IllegalArgumentException ex) {
							if (!ex.getMessage().equals(write)) {
								wrong++;
							}
						}
					}
					return wrong;
				}));
			}
			for (Future<Integer> answer : mismatches) {
				assertThat(answer.get(60, TimeUnit.SECONDS)).isZero();
			}
		}
		List<String> expected = plans.stream().flatMap(List::stream).filter(write -> write.startsWith("ok")).toList();
		assertThat(succeeded).hasSameSizeAs(expected).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(grouped.queued(0) + grouped.queued(1)).isZero();
	}

	/**
	 * Starts a write of "first" for "ana" whose group runs until released, once it is
	 * running.
	 */
	private Future<String> firstWriteHeldUntil(CountDownLatch release, ExecutorService pool) {
		Future<String> first = pool.submit(() -> commit.submit("ana", "first", writes -> {
			groupsRun.add(writes);
			waitFor(release);
			return List.of("FIRST");
		}));
		await().atMost(Duration.ofSeconds(10)).until(() -> groupsRun.size() == 1);
		return first;
	}

	private static void waitFor(CountDownLatch latch) {
		try {
			if (!latch.await(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("not released");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
