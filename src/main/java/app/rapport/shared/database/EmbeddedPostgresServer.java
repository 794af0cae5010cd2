package app.rapport.shared.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded PostgreSQL cluster per data directory and JVM. Several Spring contexts
 * (the test suite caches many) share the same cluster; it stops when the last one
 * releases it.
 */
final class EmbeddedPostgresServer {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private static final Map<String, EmbeddedPostgresServer> RUNNING = new HashMap<>();

	private final String key;

	private final EmbeddedPostgres postgres;

	private final Path temporaryDirectory;

	private int users;

	private EmbeddedPostgresServer(String key, EmbeddedPostgres postgres, Path temporaryDirectory) {
		this.key = key;
		this.postgres = postgres;
		this.temporaryDirectory = temporaryDirectory;
	}

	static synchronized EmbeddedPostgresServer acquire(EmbeddedPostgresProperties properties) {
		String key = properties.dataDirectory().isBlank() ? "<temporary>" : properties.dataDirectory();
		EmbeddedPostgresServer server = RUNNING.computeIfAbsent(key, k -> start(k, properties));
		// contexts sharing the cluster may ask for databases of their own (isolated
		// tests)
		createDatabase(server.postgres, properties.database());
		server.users++;
		return server;
	}

	private static EmbeddedPostgresServer start(String key, EmbeddedPostgresProperties properties) {
		try {
			boolean temporary = properties.dataDirectory().isBlank();
			Path dataDirectory = temporary ? Files.createTempDirectory("rapport-pg")
					: Path.of(properties.dataDirectory()).toAbsolutePath().normalize();
			Files.createDirectories(dataDirectory);
			Path workDirectory = temporary ? dataDirectory.resolveSibling(dataDirectory.getFileName() + "-bin")
					: dataDirectory.resolveSibling("postgres-bin");
			Files.createDirectories(workDirectory);
			long started = System.nanoTime();
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(temporary)
				.setOverrideWorkingDirectory(workDirectory.toFile())
				.setServerConfig("max_connections", "200")
				.setServerConfig("fsync", temporary ? "off" : "on")
				// stopped by the Spring context (after the pool closed), not by a racing
				// JVM hook
				.setRegisterShutdownHook(false)
				.start();
			log.info("Embedded PostgreSQL started on port {} with data in {} ({} ms)", postgres.getPort(),
					temporary ? "a temporary directory" : dataDirectory, (System.nanoTime() - started) / 1_000_000);
			return new EmbeddedPostgresServer(key, postgres, temporary ? dataDirectory : null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL", ex);
		}
	}

	private static void createDatabase(EmbeddedPostgres postgres, String database) {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			try (ResultSet rs = statement
				.executeQuery("select 1 from pg_database where datname = '" + database.replace("'", "") + "'")) {
				if (rs.next()) {
					return;
				}
			}
			statement.execute("create database \"" + database.replace("\"", "") + "\"");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + database, ex);
		}
	}

	String jdbcUrl(String database) {
		return postgres.getJdbcUrl("postgres", database);
	}

	void release() {
		synchronized (EmbeddedPostgresServer.class) {
			if (--users > 0) {
				return;
			}
			RUNNING.remove(key);
		}
		try {
			postgres.close();
			log.info("Embedded PostgreSQL stopped");
			if (temporaryDirectory != null) {
				deleteRecursively(temporaryDirectory);
			}
		}
		catch (IOException ex) {
			log.warn("Embedded PostgreSQL did not stop cleanly", ex);
		}
	}

	private static void deleteRecursively(Path directory) throws IOException {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
	}

}
