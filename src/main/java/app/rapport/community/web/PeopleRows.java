package app.rapport.community.web;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import app.rapport.community.PendingMember;
import app.rapport.community.ProgramPeople;

/**
 * The rows of Manage users, worked out in Java: each cell is one plain value, so the
 * template evaluates one simple expression per cell. A page lists up to a hundred members
 * and a hundred pending invitations, and formatting their dates and building their
 * removal links in the template was a sixth of the page's time. Public because SpEL
 * compiles the template's calls to bytecode only on public types. The template escapes
 * every value.
 */
public final class PeopleRows {

	private PeopleRows() {
	}

	/** A member, with the address of the form that removes them and its question. */
	public record Member(String name, String email, String role, String joined, String removePath, String confirm) {
	}

	/** A person invited who has not joined yet. */
	public record Pending(String name, String email, String expires) {
	}

	static List<Member> members(ProgramPeople people, String contextPath, Locale locale) {
		DateTimeFormatter day = day(locale);
		String programPath = contextPath + "/community/users/" + people.program().id().value() + "/members/";
		String from = " from " + people.program().name() + "?";
		return people.members()
			.stream()
			.map(m -> new Member(m.name(), m.email(), m.role().label(), day.format(m.joinedAt()),
					programPath + m.accountId().value() + "/remove", "Remove " + m.name() + from))
			.toList();
	}

	static List<Pending> pending(List<PendingMember> pending, Locale locale) {
		DateTimeFormatter day = day(locale);
		return pending.stream()
			.map(p -> new Pending(p.name(), p.email(), "expires " + day.format(p.expiresAt())))
			.toList();
	}

	private static DateTimeFormatter day(Locale locale) {
		return DateTimeFormatter.ofPattern("d MMM yyyy", locale).withZone(ZoneOffset.UTC);
	}

}
