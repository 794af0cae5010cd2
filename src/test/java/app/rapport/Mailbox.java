package app.rapport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import static org.awaitility.Awaitility.await;

/**
 * An SMTP server for tests (GreenMail) and the way a person reads their email: wait for
 * the newest message to an address and follow a link in it.
 */
public final class Mailbox {

	private static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+");

	private final GreenMail greenMail;

	private Mailbox(GreenMail greenMail) {
		this.greenMail = greenMail;
	}

	/** Starts an SMTP server on the given port of the loopback interface. */
	public static Mailbox startSmtp(int port) {
		GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
		return new Mailbox(greenMail);
	}

	public void stop() {
		this.greenMail.stop();
	}

	/**
	 * Waits for a message to the recipient whose text has a link to the path, and returns
	 * the first such link of the newest matching message.
	 * @param path the start of the link's path and query, e.g.
	 * {@code /verify-email?token=}
	 */
	public String awaitLink(String recipient, String path) {
		return await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(200))
			.alias("an email to " + recipient + " with a link to " + path)
			.until(() -> newestLink(recipient, path), Optional::isPresent)
			.orElseThrow();
	}

	/** Every message received so far to the recipient, in the order they arrived. */
	public List<MimeMessage> messagesTo(String recipient) {
		List<MimeMessage> messages = new ArrayList<>();
		for (MimeMessage message : this.greenMail.getReceivedMessages()) {
			if (isAddressedTo(message, recipient)) {
				messages.add(message);
			}
		}
		return messages;
	}

	private Optional<String> newestLink(String recipient, String path) {
		List<MimeMessage> messages = messagesTo(recipient);
		for (MimeMessage message : messages.reversed()) {
			Optional<String> link = linksIn(text(message)).stream().filter((url) -> url.contains(path)).findFirst();
			if (link.isPresent()) {
				return link;
			}
		}
		return Optional.empty();
	}

	static List<String> linksIn(String text) {
		List<String> links = new ArrayList<>();
		Matcher matcher = LINK.matcher(text);
		while (matcher.find()) {
			links.add(matcher.group().replace("&amp;", "&"));
		}
		return links;
	}

	/** The decoded text of every text part, plain text first. */
	static String text(Part part) {
		try {
			if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
				StringBuilder plain = new StringBuilder();
				StringBuilder other = new StringBuilder();
				for (int i = 0; i < multipart.getCount(); i++) {
					Part child = multipart.getBodyPart(i);
					(child.isMimeType("text/plain") ? plain : other).append(text(child)).append('\n');
				}
				return plain.append(other).toString();
			}
			Object content = part.getContent();
			if (content instanceof String string) {
				return string;
			}
			if (content instanceof InputStream stream) {
				try (stream) {
					return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
				}
			}
			return "";
		}
		catch (IOException | MessagingException ex) {
			throw new IllegalStateException("Could not read an email", ex);
		}
	}

	private static boolean isAddressedTo(Message message, String recipient) {
		try {
			Address[] to = message.getAllRecipients();
			return to != null && Arrays.stream(to).anyMatch((address) -> address.toString().contains(recipient));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
