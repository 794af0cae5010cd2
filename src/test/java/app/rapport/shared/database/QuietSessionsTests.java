package app.rapport.shared.database;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.Duration;

import app.rapport.shared.database.QuietSessions.QuietSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.web.http.SessionRepositoryFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request reads its session once, and a page view that changes nothing in the session
 * gives it nothing to write.
 */
@SpringBootTest
class QuietSessionsTests {

	@Autowired
	FindByIndexNameSessionRepository<? extends Session> primary;

	QuietSessions sessions;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void repository() {
		sessions = (QuietSessions) primary;
	}

	String stored() {
		QuietSession created = sessions.createSession();
		created.setAttribute("colour", "blue");
		sessions.save(created);
		return created.getId();
	}

	@Test
	void theApplicationUsesTheQuietRepository(@Autowired SessionRepositoryFilter<?> filter) throws Exception {
		assertThat(primary).isInstanceOf(QuietSessions.class);
		Field repository = filter.getClass().getDeclaredField("sessionRepository");
		repository.setAccessible(true);
		assertThat(repository.get(filter)).isSameAs(primary);
	}

	@Test
	void withinARequestTheSessionIsReadOnce() {
		String id = stored();
		sessions.beginRequest();
		try {
			QuietSession first = sessions.findById(id);
			// gone from the database: a second read would not find it
			jdbc.sql("delete from spring_session where session_id = ?").param(id).update();
			assertThat(sessions.findById(id)).isSameAs(first);
		}
		finally {
			sessions.endRequest();
		}
		assertThat(sessions.findById(id)).as("after the request, the database decides").isNull();
	}

	@Test
	void outsideARequestEveryLookupReadsTheDatabase() {
		String id = stored();
		QuietSession first = sessions.findById(id);
		assertThat(sessions.findById(id)).isNotSameAs(first).isNotNull();
	}

	@Test
	void aDeletedSessionIsNotFoundAgainInTheSameRequest() {
		String id = stored();
		sessions.beginRequest();
		try {
			assertThat(sessions.findById(id)).isNotNull();
			sessions.deleteById(id);
			assertThat(sessions.findById(id)).isNull();
		}
		finally {
			sessions.endRequest();
		}
	}

	@Test
	void anAccessWithinTheIntervalLeavesNothingToWrite() throws Exception {
		String id = stored();
		QuietSession soon = sessions.findById(id);
		soon.setLastAccessedTime(soon.getLastAccessedTime().plusSeconds(30));
		assertThat(changed(soon)).as("30 s later: nothing to write").isFalse();

		QuietSession later = sessions.findById(id);
		later.setLastAccessedTime(later.getLastAccessedTime().plus(Duration.ofSeconds(61)));
		assertThat(changed(later)).as("61 s later: the access time is written").isTrue();
		sessions.save(later);
		assertThat(sessions.findById(id).getLastAccessedTime()).isEqualTo(later.getLastAccessedTime());
	}

	/** Spring Session's own flag for "the session row needs an UPDATE". */
	static boolean changed(QuietSession session) throws Exception {
		Session stored = session.stored();
		Method isChanged = stored.getClass().getDeclaredMethod("isChanged");
		isChanged.setAccessible(true);
		return (boolean) isChanged.invoke(stored);
	}

}
