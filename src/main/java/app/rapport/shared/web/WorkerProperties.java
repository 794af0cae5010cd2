package app.rapport.shared.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The threads that serve requests ({@link WorkerThreads}, {@link UploadGate}).
 *
 * @param workerThreads threads that serve requests; the others wait their turn in arrival
 * order (0: twice the processors, at least 4)
 * @param concurrentUploads requests with a large or multipart body read at once (0: half
 * the worker threads); one more is answered 503
 */
@ConfigurationProperties("rapport.web")
public record WorkerProperties(int workerThreads, int concurrentUploads) {

	public WorkerProperties {
		workerThreads = workerThreads > 0 ? workerThreads : Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
		// uploads always leave one thread to the other requests, unless there is only one
		concurrentUploads = Math.max(1,
				concurrentUploads > 0 ? Math.min(concurrentUploads, workerThreads - 1) : workerThreads / 2);
	}

}
