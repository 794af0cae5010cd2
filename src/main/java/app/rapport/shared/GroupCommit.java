package app.rapport.shared;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs the writes of concurrent callers that share a key as one transaction (group
 * commit). A caller that finds no writes of its key under way runs at once, alone, with
 * no wait; callers that arrive meanwhile queue, and when the running writes finish, the
 * oldest queued caller runs all queued writes of the key together. So a lone request
 * costs what it did, while a burst of requests pays one transaction, one set of round
 * trips and one commit per group instead of one per request.
 * <p>
 * Each caller keeps its own outcome: when the group's transaction fails (one duplicate,
 * one refused limit), every write of the group is run again alone, in a transaction of
 * its own, and each caller gets its own result or error. A caller already inside a
 * transaction is never grouped: its writes must stay in its own transaction.
 *
 * @param <K> what writes must share to be grouped (the same person in the same
 * organization, say)
 * @param <I> one caller's write
 * @param <O> one caller's result
 */
public final class GroupCommit<K, I, O> {

	/** Runs writes as one transaction and returns one result per write, in order. */
	@FunctionalInterface
	public interface Work<I, O> {

		List<O> run(List<I> writes);

	}

	/**
	 * Threads that run the groups of {@link #submitAsync}: one per key with writes
	 * queued, at most {@value #RUNNER_THREADS} at once (each holds a database connection
	 * while it runs a group; more keys wait their turn), kept a minute after their last
	 * group.
	 */
	public static final Executor RUNNERS = runners();

	static final int RUNNER_THREADS = 8;

	private static ThreadPoolExecutor runners() {
		ThreadPoolExecutor pool = new ThreadPoolExecutor(RUNNER_THREADS, RUNNER_THREADS, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), Thread.ofPlatform().name("group-commit-", 0).daemon(true).factory());
		pool.allowCoreThreadTimeOut(true);
		return pool;
	}

	private final ConcurrentHashMap<K, Lane<I, O>> lanes = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<K, Lane<I, O>> asyncLanes = new ConcurrentHashMap<>();

	private final int maxWeight;

	private final ToIntFunction<I> weight;

	private final int groupsAtOnce;

	/**
	 * @param maxWeight the most a group may hold, by {@code weight} (the first write of a
	 * group always goes, whatever its weight)
	 * @param weight the size of one write, e.g. the number of rows it holds
	 * @param groupsAtOnce how many groups of one key may run at the same time
	 */
	public GroupCommit(int maxWeight, ToIntFunction<I> weight, int groupsAtOnce) {
		this.maxWeight = maxWeight;
		this.weight = weight;
		if (maxWeight < 1 || groupsAtOnce < 1) {
			throw new IllegalArgumentException(
					"a group holds at least one write, and one group runs at a time at least");
		}
		this.groupsAtOnce = groupsAtOnce;
	}

	/**
	 * Runs the write, grouped with the concurrent writes of the same key, and returns its
	 * own result or throws its own error.
	 */
	public O submit(K key, I write, Work<I, O> work) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return work.run(List.of(write)).getFirst();
		}
		Entry<I, O> entry = new Entry<>(write);
		Lane<I, O> lane = lanes.computeIfAbsent(key, k -> new Lane<>());
		List<Entry<I, O>> group;
		synchronized (lane) {
			if (lane.running < groupsAtOnce) {
				// nothing waits while a group's place is free
				lane.running++;
				group = List.of(entry);
			}
			else {
				lane.queued.add(entry);
				group = null;
			}
		}
		while (group == null) {
			group = entry.signal.join();
		}
		if (!group.isEmpty()) {
			lead(key, lane, group, work);
		}
		return entry.outcome();
	}

	/**
	 * Like {@link #submit}, for a caller that need not wait in its own thread (an
	 * asynchronous request): the write is queued and its result comes through the future.
	 * The groups of a key are run one after the other by a thread of {@code runner}, as
	 * long as writes keep coming, so a request thread never waits and every request in
	 * flight can join the next group.
	 */
	public CompletableFuture<O> submitAsync(K key, I write, Work<I, O> work, Executor runner) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			try {
				return CompletableFuture.completedFuture(work.run(List.of(write)).getFirst());
			}
			catch (RuntimeException ex) {
				return CompletableFuture.failedFuture(ex);
			}
		}
		Entry<I, O> entry = new Entry<>(write);
		Lane<I, O> lane = asyncLanes.computeIfAbsent(key, k -> new Lane<>());
		boolean start;
		synchronized (lane) {
			lane.queued.add(entry);
			start = lane.running < groupsAtOnce;
			if (start) {
				lane.running++;
			}
		}
		if (start) {
			try {
				runner.execute(() -> runQueued(key, lane, work, runner));
			}
			catch (RuntimeException refused) {
				synchronized (lane) {
					lane.running--;
					lane.queued.remove(entry);
				}
				throw refused;
			}
		}
		return entry.answer;
	}

	private void runQueued(K key, Lane<I, O> lane, Work<I, O> work, Executor runner) {
		boolean drained = false;
		try {
			while (true) {
				List<Entry<I, O>> group = nextGroupOrRelease(asyncLanes, key, lane);
				if (group.isEmpty()) {
					drained = true;
					return;
				}
				try {
					run(group, work);
				}
				finally {
					for (Entry<I, O> entry : group) {
						if (entry.failure != null) {
							entry.answer.completeExceptionally(entry.failure);
						}
						else {
							entry.answer.complete(entry.result);
						}
					}
				}
			}
		}
		finally {
			if (!drained) {
				// an Error ended this runner: the writes queued behind it get another one
				runner.execute(() -> runQueued(key, lane, work, runner));
			}
		}
	}

	/**
	 * The next group of the lane or, when nothing is queued, none: the caller's place
	 * among the running groups is given up, and an idle lane leaves the map.
	 */
	private List<Entry<I, O>> nextGroupOrRelease(ConcurrentHashMap<K, Lane<I, O>> map, K key, Lane<I, O> lane) {
		synchronized (lane) {
			List<Entry<I, O>> next = nextGroup(lane);
			if (next.isEmpty()) {
				lane.running--;
				if (lane.running == 0) {
					map.remove(key, lane);
				}
			}
			return next;
		}
	}

	/** The oldest queued writes, up to the weight of a group; under the lane's lock. */
	private List<Entry<I, O>> nextGroup(Lane<I, O> lane) {
		List<Entry<I, O>> next = new ArrayList<>();
		int total = 0;
		while (!lane.queued.isEmpty()) {
			int size = weight.applyAsInt(lane.queued.peek().write);
			if (!next.isEmpty() && total + size > maxWeight) {
				break;
			}
			total += size;
			next.add(lane.queued.poll());
		}
		return next;
	}

	/**
	 * The results of a group's writes run as one (all their rows in order) cut back into
	 * one list per write, each as long as its write.
	 */
	public static <T> List<List<T>> slices(List<? extends List<?>> writes, List<T> all) {
		List<List<T>> parts = new ArrayList<>(writes.size());
		int from = 0;
		for (List<?> write : writes) {
			parts.add(all.subList(from, from + write.size()));
			from += write.size();
		}
		return parts;
	}

	/** How many writes of the key wait for their group (for tests). */
	int queued(K key) {
		Lane<I, O> lane = lanes.get(key);
		if (lane == null) {
			lane = asyncLanes.get(key);
		}
		if (lane == null) {
			return 0;
		}
		synchronized (lane) {
			return lane.queued.size();
		}
	}

	/**
	 * Runs the group, answers its callers and hands the writes queued meanwhile, as the
	 * next group, to the oldest of them.
	 */
	private void lead(K key, Lane<I, O> lane, List<Entry<I, O>> group, Work<I, O> work) {
		try {
			run(group, work);
		}
		finally {
			for (Entry<I, O> entry : group) {
				if (entry != group.getFirst()) {
					entry.signal.complete(List.of());
				}
			}
			List<Entry<I, O>> next = nextGroupOrRelease(lanes, key, lane);
			if (!next.isEmpty()) {
				next.getFirst().signal.complete(next);
			}
		}
	}

	/**
	 * Runs the group and gives each write its outcome; a write left without one (an
	 * {@link Error} escaped) is failed, so that no caller waits for ever.
	 */
	private void run(List<Entry<I, O>> group, Work<I, O> work) {
		try {
			runEach(group, work);
		}
		finally {
			for (Entry<I, O> entry : group) {
				if (!entry.done) {
					entry.fail(new IllegalStateException("the grouped write did not finish"));
				}
			}
		}
	}

	private void runEach(List<Entry<I, O>> group, Work<I, O> work) {
		if (group.size() > 1) {
			try {
				List<O> results = work.run(group.stream().map(entry -> entry.write).toList());
				for (int i = 0; i < group.size(); i++) {
					group.get(i).succeed(results.get(i));
				}
				return;
			}
			catch (RuntimeException groupFailed) {
				// one write spoiled the group: each is run alone to get its own outcome
			}
		}
		for (Entry<I, O> entry : group) {
			try {
				entry.succeed(work.run(List.of(entry.write)).getFirst());
			}
			catch (RuntimeException ex) {
				entry.fail(ex);
			}
		}
	}

	/** The queue of one key. A lane that falls idle leaves the map. */
	private static final class Lane<I, O> {

		final ArrayDeque<Entry<I, O>> queued = new ArrayDeque<>();

		/** Groups being run. */
		int running;

	}

	private static final class Entry<I, O> {

		final I write;

		/**
		 * Completed with the group this caller is to run, its own write first, or with no
		 * group once another caller ran its write.
		 */
		final CompletableFuture<List<Entry<I, O>>> signal = new CompletableFuture<>();

		/** The outcome, for {@link #submitAsync}. */
		final CompletableFuture<O> answer = new CompletableFuture<>();

		// written by the leading thread before the signal completes, read after it
		boolean done;

		@Nullable O result;

		@Nullable RuntimeException failure;

		Entry(I write) {
			this.write = write;
		}

		void succeed(O value) {
			result = value;
			done = true;
		}

		void fail(RuntimeException ex) {
			failure = ex;
			done = true;
		}

		O outcome() {
			if (failure != null) {
				throw failure;
			}
			return result;
		}

	}

}
