package app.rapport.client.web;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import app.rapport.client.ClientRecord;
import app.rapport.client.ClientStatus;
import org.jspecify.annotations.Nullable;

/**
 * One row of the Clients page, worked out in Java: each cell is one plain value that
 * {@code client/rows.mustache} writes escaped (fifty rows otherwise format a hundred
 * dates, build fifty links and evaluate a few hundred conditions in the template). The
 * dash of a row never invited and the dot between a contact's name and email are entities
 * in the template, so a page of plain names is plain ASCII, which Tomcat encodes to UTF-8
 * on its fast path (after one other character, a whole buffer takes the slow one).
 */
public record ClientRow(String name, String path, boolean archived, @Nullable String email, String kind,
		String statusClass, String status, @Nullable String contactName, @Nullable String contactEmail,
		List<String> tags, String created, @Nullable String lastInvited) {

	static List<ClientRow> of(List<ClientRecord> clients, String contextPath, Locale locale) {
		DateTimeFormatter day = DateTimeFormatter.ofPattern("d MMM yyyy", locale).withZone(ZoneOffset.UTC);
		return clients.stream()
			.map(c -> new ClientRow(c.displayName(), contextPath + "/clients/" + c.id(), c.archived(), c.email(),
					c.kind().label(), "badge " + badge(c.status()), c.status().label(), c.contactName(), c.email(),
					c.tags(), day.format(c.createdAt()),
					c.lastInvitedAt() == null ? null : day.format(c.lastInvitedAt())))
			.toList();
	}

	private static String badge(ClientStatus status) {
		return switch (status) {
			case OWNED -> "text-bg-success";
			case INVITED -> "text-bg-info";
			case INTERNAL -> "text-bg-secondary";
		};
	}

}
