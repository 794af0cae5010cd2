package app.rapport.notification;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

import app.rapport.notification.OutboxDispatcher.SweepSchedule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SweepScheduleTest {

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	@Test
	void sweepsAtOnceThenOncePerInterval() {
		long start = 1_000 * SECOND;
		SweepSchedule schedule = new SweepSchedule(Duration.ofSeconds(30), start);

		assertThat(schedule.due(start)).isTrue();
		assertThat(schedule.due(start)).isFalse();
		assertThat(schedule.due(start + 29 * SECOND)).isFalse();
		assertThat(schedule.due(start + 30 * SECOND)).isTrue();
		assertThat(schedule.due(start + 31 * SECOND)).isFalse();
		assertThat(schedule.due(start + 90 * SECOND)).isTrue();
	}

	@Test
	void aClockNearTheEndOfItsRangeStillWorks() {
		long start = Long.MAX_VALUE - 10 * SECOND;
		SweepSchedule schedule = new SweepSchedule(Duration.ofSeconds(30), start);

		assertThat(schedule.due(start)).isTrue();
		assertThat(schedule.due(start + 20 * SECOND)).isFalse();
		assertThat(schedule.due(start + 30 * SECOND)).isTrue();
	}

	@Test
	void oneOfManyWorkersAskingAtOnceSweeps() throws Exception {
		SweepSchedule schedule = new SweepSchedule(Duration.ofMinutes(1), 0);
		int workers = 16;
		CountDownLatch ready = new CountDownLatch(workers);
		CountDownLatch go = new CountDownLatch(1);
		try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
			List<Future<Boolean>> answers = new ArrayList<>();
			for (int i = 0; i < workers; i++) {
				answers.add(pool.submit(() -> {
					ready.countDown();
					go.await();
					return schedule.due(5 * SECOND);
				}));
			}
			ready.await();
			go.countDown();
			int sweeping = 0;
			for (Future<Boolean> answer : answers) {
				sweeping += answer.get() ? 1 : 0;
			}
			assertThat(sweeping).isEqualTo(1);
		}
	}

}
