package app.rapport.shared.database;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.FindByIndexNameSessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session row is written when its content changes or its last access time moved by a
 * minute, not on every request.
 */
@SpringBootTest
class SessionTouchThrottleTests {

	@Autowired
	FindByIndexNameSessionRepository<? extends Session> sessions;

	@Autowired
	JdbcClient jdbc;

	long storedAccessTime(String id) {
		return jdbc.sql("select last_access_time from spring_session where session_id = ?")
			.param(id)
			.query(Long.class)
			.single();
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	void save(Session session) {
		((SessionRepository) sessions).save(session);
	}

	Session reload(String id) {
		return sessions.findById(id);
	}

	@Test
	void anAccessWithinAMinuteIsNotWrittenButAnAttributeChangeIs() {
		Session created = sessions.createSession();
		created.setAttribute("colour", "blue");
		save(created);
		String id = created.getId();
		long first = storedAccessTime(id);

		Session soon = reload(id);
		soon.setLastAccessedTime(soon.getLastAccessedTime().plusSeconds(30));
		save(soon);
		assertThat(storedAccessTime(id)).as("30 s later: not written").isEqualTo(first);

		Session changed = reload(id);
		changed.setLastAccessedTime(changed.getLastAccessedTime().plusSeconds(30));
		changed.setAttribute("colour", "green");
		save(changed);
		assertThat(reload(id).<String>getAttribute("colour")).isEqualTo("green");

		Session later = reload(id);
		later.setLastAccessedTime(later.getLastAccessedTime().plus(Duration.ofSeconds(61)));
		save(later);
		assertThat(storedAccessTime(id)).as("61 s later: written").isEqualTo(first + 61_000);
	}

	@Test
	void aChangedSessionIdIsWrittenAtOnce() {
		Session created = sessions.createSession();
		save(created);
		Session session = reload(created.getId());
		String newId = session.changeSessionId();
		save(session);

		assertThat(reload(newId)).isNotNull();
		assertThat(reload(created.getId())).isNull();
	}

}
