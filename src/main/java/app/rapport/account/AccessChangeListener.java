package app.rapport.account;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens on its own connection for the notifications the access triggers send at commit
 * (migration V10) and evicts what the {@link AccessCache} remembers about those accounts.
 * While it is not listening the cache serves nothing; after each (re)connect it starts
 * empty.
 */
@Component
class AccessChangeListener implements SmartLifecycle {

	static final String CHANNEL = "rapport_access";

	private static final Logger log = LoggerFactory.getLogger(AccessChangeListener.class);

	private static final int POLL_MILLIS = 500;

	private final AccessCache cache;

	private final DataSource dataSource;

	private volatile boolean running;

	private volatile Thread thread;

	AccessChangeListener(AccessCache cache, DataSource dataSource) {
		this.cache = cache;
		this.dataSource = dataSource;
	}

	@Override
	public void start() {
		running = true;
		thread = Thread.ofPlatform().daemon().name("rapport-access-changes").start(this::listen);
	}

	@Override
	public void stop() {
		running = false;
		cache.goDark();
		Thread listener = thread;
		if (listener != null) {
			listener.interrupt();
			try {
				listener.join(TimeUnit.SECONDS.toMillis(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void listen() {
		long backoff = 250;
		while (running) {
			try (Connection connection = open()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("listen " + CHANNEL);
				}
				cache.goLive();
				backoff = 250;
				PGConnection notifications = connection.unwrap(PGConnection.class);
				while (running) {
					PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
					if (received != null && received.length > 0) {
						evict(received);
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				cache.goDark();
				if (running) {
					log.warn("Not listening for access changes ({}); requests read who they are from the database "
							+ "until it listens again", ex.getMessage());
					backoff = pause(backoff);
				}
			}
		}
		cache.goDark();
	}

	private void evict(PGNotification[] received) {
		Set<UUID> accounts = new HashSet<>();
		boolean everyone = false;
		for (PGNotification notification : received) {
			String payload = notification.getParameter();
			if (AccessCache.EVERYONE.equals(payload)) {
				everyone = true;
			}
			else {
				try {
					accounts.add(UUID.fromString(payload));
				}
				catch (IllegalArgumentException ex) {
					everyone = true;
				}
			}
		}
		cache.evict(accounts, everyone);
	}

	/**
	 * A connection of its own, outside the pool, which it would hold forever otherwise.
	 */
	private Connection open() throws SQLException {
		if (dataSource.isWrapperFor(HikariDataSource.class)) {
			HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
			if (pool.getJdbcUrl() != null) {
				return DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
			}
		}
		return dataSource.getConnection();
	}

	private long pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			running = false;
		}
		return Math.min(millis * 2, 5_000);
	}

}
