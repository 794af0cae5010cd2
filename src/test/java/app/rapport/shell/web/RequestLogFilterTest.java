package app.rapport.shell.web;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLogFilterTest {

	private final Logger logger = (Logger) LoggerFactory.getLogger("app.rapport.requests");

	private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

	private Level level;

	private final RequestLogFilter filter = new RequestLogFilter();

	@BeforeEach
	void listen() {
		level = logger.getLevel();
		logger.setLevel(Level.INFO);
		lines.start();
		logger.addAppender(lines);
	}

	@AfterEach
	void stopListening() {
		logger.detachAppender(lines);
		logger.setLevel(level);
	}

	@Test
	void aRequestIsLoggedOnceWithItsStatus() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/clients");
		MockHttpServletResponse response = new MockHttpServletResponse();

		filter.doFilter(request, response, new MockFilterChain());

		assertThat(messages()).singleElement().asString().startsWith("GET /clients 200 ");
	}

	@Test
	void anAsynchronousRequestIsLoggedOnceWhenItsSecondDispatchHasAnswered() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/clients/individuals");
		MockHttpServletResponse response = new MockHttpServletResponse();
		request.setAsyncSupported(true);
		request.setAsyncStarted(true);

		filter.doFilter(request, response, new MockFilterChain());
		assertThat(messages()).as("not answered yet").isEmpty();

		request.setAsyncStarted(false);
		request.setDispatcherType(DispatcherType.ASYNC);
		response.setStatus(201);
		filter.doFilter(request, response, new MockFilterChain());

		assertThat(messages()).singleElement().asString().startsWith("POST /api/v1/clients/individuals 201 ");
	}

	private List<String> messages() {
		return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

}
