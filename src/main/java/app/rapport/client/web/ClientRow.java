package app.rapport.client.web;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import app.rapport.client.ClientRecord;
import app.rapport.client.ClientStatus;

/**
 * One row of the Clients page, with its badge and dates worked out once in Java: a page
 * of fifty rows otherwise formats a hundred dates and evaluates a hundred conditions in
 * the template. Public because SpEL compiles the template's calls to bytecode only on
 * public types; on this one it would reflect on each of them, on every row.
 */
public record ClientRow(ClientRecord client, String statusBadge, String created, String lastInvited) {

	static List<ClientRow> of(List<ClientRecord> clients, Locale locale) {
		DateTimeFormatter day = DateTimeFormatter.ofPattern("d MMM yyyy", locale).withZone(ZoneOffset.UTC);
		return clients.stream()
			.map(c -> new ClientRow(c, badge(c.status()), day.format(c.createdAt()),
					c.lastInvitedAt() == null ? "—" : day.format(c.lastInvitedAt())))
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
