package app.rapport.client;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** One page of client records and the cursor of the next page (null on the last page). */
public record ClientPage(List<ClientRecord> clients, @Nullable String next) {
}
