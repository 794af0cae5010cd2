package app.rapport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Gives a test context a database of its own, so that its background work (such as the
 * email dispatcher) never meets another cached context's rows: on the embedded cluster of
 * the default run, or on the PostgreSQL server of the {@code postgres-server} profile.
 */
public final class TestDatabases {

	private static final Set<String> CREATED = new HashSet<>();

	private TestDatabases() {
	}

	public static void isolate(DynamicPropertyRegistry registry, String name) {
		String url = url(name);
		if (url == null) {
			registry.add("rapport.embedded-postgres.database", () -> name);
		}
		else {
			registry.add("spring.datasource.url", () -> url);
		}
	}

	/**
	 * Command-line arguments that point a second application node at the same isolated
	 * database.
	 */
	public static String[] arguments(String name) {
		String url = url(name);
		return url == null ? new String[] { "--rapport.embedded-postgres.database=" + name }
				: new String[] { "--spring.datasource.url=" + url };
	}

	/**
	 * The server URL of the named database (created if needed), or null without a server.
	 */
	private static String url(String name) {
		String server = System.getProperty("spring.datasource.url");
		if (server == null || server.isBlank()) {
			return null;
		}
		String user = System.getProperty("spring.datasource.username", "");
		String password = System.getProperty("spring.datasource.password", "");
		// a fresh database on first use in this JVM, so that no earlier run's rows remain
		synchronized (CREATED) {
			if (CREATED.add(name)) {
				try (Connection connection = DriverManager.getConnection(server, user, password);
						Statement statement = connection.createStatement()) {
					String quoted = "\"" + name.replace("\"", "") + "\"";
					statement.execute("drop database if exists " + quoted + " with (force)");
					statement.execute("create database " + quoted);
				}
				catch (SQLException ex) {
					throw new IllegalStateException("Could not create test database " + name, ex);
				}
			}
		}
		int query = server.indexOf('?');
		String base = query < 0 ? server : server.substring(0, query);
		return base.substring(0, base.lastIndexOf('/') + 1) + name + (query < 0 ? "" : server.substring(query));
	}

}
