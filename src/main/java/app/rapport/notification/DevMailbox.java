package app.rapport.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The developer mailbox of the default run: every email in the outbox, rendered as it
 * would be sent, so that a developer (or a browser test) can open verification and
 * invitation links without an SMTP server. Open only when the developer mailbox is the
 * transport, never next to a real SMTP server.
 */
@Service
public class DevMailbox {

	public static final int MAX_PAGE_SIZE = 100;

	private static final Pattern TEXT_LINK = Pattern.compile("https?://[^\\s<>\"']+");

	private static final Pattern HTML_LINK = Pattern.compile("href\\s*=\\s*\"(https?://[^\"]+)\"",
			Pattern.CASE_INSENSITIVE);

	private final EmailOutboxRepository outbox;

	private final EmailRenderer renderer;

	private final MailTransport transport;

	DevMailbox(EmailOutboxRepository outbox, EmailRenderer renderer, MailTransport transport) {
		this.outbox = outbox;
		this.renderer = renderer;
		this.transport = transport;
	}

	public boolean isOpen() {
		return transport.isDevMailbox();
	}

	/**
	 * Emails, newest first.
	 * @param recipient an exact address (with {@code @}) or part of one, or null for all
	 * @param before the id of the last email of the previous page, or null
	 */
	@Transactional(readOnly = true)
	public List<Entry> list(@Nullable String recipient, @Nullable UUID before, int size) {
		requireOpen();
		return outbox.pageOfAll(clean(recipient), before, Math.clamp(size, 1, MAX_PAGE_SIZE))
			.stream()
			.map(e -> new Entry(e.id(), e.recipient(), e.subject(), e.status(), e.createdAt()))
			.toList();
	}

	/** One email with its rendered parts. */
	@Transactional(readOnly = true)
	public Optional<Message> open(UUID id) {
		requireOpen();
		return outbox.find(id).map(this::message);
	}

	/** The latest emails with their text part and links, for tests that follow links. */
	@Transactional(readOnly = true)
	public List<Message> latest(@Nullable String recipient, int size) {
		requireOpen();
		return outbox.pageOfAll(clean(recipient), null, Math.clamp(size, 1, MAX_PAGE_SIZE))
			.stream()
			.map(this::message)
			.toList();
	}

	private Message message(EmailOutboxRepository.StoredEmail email) {
		String html;
		String text;
		try {
			EmailRenderer.Rendered rendered = renderer.render(email.template(),
					outbox.modelOf(email.id()).orElse("{}"));
			html = rendered.html();
			text = rendered.text();
		}
		catch (RuntimeException ex) {
			html = "";
			text = "This email cannot be rendered: " + ex.getMessage();
		}
		return new Message(email.id(), email.recipient(), email.subject(), email.status(), email.createdAt(), html,
				text, links(text, html));
	}

	static List<String> links(String text, String html) {
		Set<String> links = new LinkedHashSet<>();
		Matcher inText = TEXT_LINK.matcher(text);
		while (inText.find()) {
			links.add(inText.group());
		}
		Matcher inHtml = HTML_LINK.matcher(html);
		while (inHtml.find()) {
			links.add(inHtml.group(1).replace("&amp;", "&"));
		}
		return new ArrayList<>(links);
	}

	private void requireOpen() {
		if (!isOpen()) {
			throw new IllegalStateException("the developer mailbox is closed");
		}
	}

	private static @Nullable String clean(@Nullable String recipient) {
		return recipient == null || recipient.isBlank() ? null : recipient.strip().toLowerCase();
	}

	/** An email in the list. */
	public record Entry(UUID id, String recipient, String subject, EmailStatus status, Instant createdAt) {
	}

	/**
	 * An email as rendered for delivery.
	 *
	 * @param links every absolute link of the text and HTML parts, in order of appearance
	 */
	public record Message(UUID id, String recipient, String subject, EmailStatus status, Instant createdAt, String html,
			String text, List<String> links) {
	}

}
