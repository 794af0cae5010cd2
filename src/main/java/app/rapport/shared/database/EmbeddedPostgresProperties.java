package app.rapport.shared.database;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the PostgreSQL that the default run starts itself when no database URL is
 * configured.
 *
 * @param dataDirectory where the cluster keeps its data across restarts; blank means a
 * temporary directory deleted on shutdown (used by the tests)
 * @param database the database created for Rapport inside the cluster
 */
@ConfigurationProperties("rapport.embedded-postgres")
public record EmbeddedPostgresProperties(String dataDirectory, String database) {

	public EmbeddedPostgresProperties {
		dataDirectory = dataDirectory == null ? "./data/postgres" : dataDirectory;
		database = database == null || database.isBlank() ? "rapport" : database;
	}

}
