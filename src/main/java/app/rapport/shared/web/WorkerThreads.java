package app.rapport.shared.web;

import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Serves requests with a few threads, about two per processor, instead of Tomcat's 200. A
 * request here is short work on the CPU around a few quick database round trips:
 * thirty-two of them interleaved on two cores keep switching and evicting each other from
 * the caches, and each takes sixteen times as long as alone. Taken in turn by a few
 * threads, the same load is served faster and with a steadier latency (the Clients list:
 * about 20% more requests per second, p95 from 35 to 21 ms; docs/benchmarks.md). The
 * waiting requests queue in Tomcat in arrival order. {@link UploadGate} keeps slow
 * uploads from taking every thread.
 */
@Component
class WorkerThreads implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	private final WorkerProperties properties;

	WorkerThreads(WorkerProperties properties) {
		this.properties = properties;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		// a connector customizer, run after Spring Boot's, which sets
		// server.tomcat.threads.max
		factory.addConnectorCustomizers(connector -> {
			if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
				protocol.setMaxThreads(properties.workerThreads());
				protocol.setMinSpareThreads(properties.workerThreads());
			}
		});
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
