package app.rapport.community.web;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import app.rapport.community.PendingMember;
import app.rapport.community.ProgramPeople;
import app.rapport.shared.web.HtmlFragment;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * The rows of Manage users, worked out in Java and written by Mustache templates
 * ({@link HtmlFragment}): a page lists up to a hundred members, each with a removal form,
 * and a hundred pending invitations, which Thymeleaf's element processing made the
 * largest part of the page's time. Every value is escaped.
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

	private static final HtmlFragment MEMBERS = HtmlFragment.load("templates/community/members.mustache");

	private static final HtmlFragment PENDING = HtmlFragment.load("templates/community/pending.mustache");

	/**
	 * The member rows, each removal form with the request's CSRF token (which Thymeleaf's
	 * {@code th:action} would have added).
	 */
	static String membersHtml(ProgramPeople people, HttpServletRequest request, Locale locale) {
		Map<String, Object> context = new HashMap<>();
		context.put("rows", members(people, request.getContextPath(), locale));
		context.put("csrf", request.getAttribute(CsrfToken.class.getName()));
		return MEMBERS.render(context);
	}

	static String pendingHtml(List<PendingMember> pending, Locale locale) {
		return PENDING.render(Map.of("rows", pending(pending, locale)));
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
