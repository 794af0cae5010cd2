package app.rapport.shared.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerPropertiesTest {

	@Test
	void byDefaultTwoThreadsPerProcessorAndHalfOfThemForUploads() {
		WorkerProperties defaults = new WorkerProperties(0, 0);
		assertThat(defaults.workerThreads()).isEqualTo(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
		assertThat(defaults.concurrentUploads()).isEqualTo(defaults.workerThreads() / 2);
	}

	@Test
	void uploadsAlwaysLeaveAThreadToEveryoneElseAndAlwaysHaveOne() {
		assertThat(new WorkerProperties(8, 3).concurrentUploads()).isEqualTo(3);
		assertThat(new WorkerProperties(8, 20).concurrentUploads()).isEqualTo(7);
		assertThat(new WorkerProperties(2, 0).concurrentUploads()).isEqualTo(1);
		assertThat(new WorkerProperties(1, 0).concurrentUploads()).isEqualTo(1);
		assertThat(new WorkerProperties(1, 5).concurrentUploads()).isEqualTo(1);
	}

}
