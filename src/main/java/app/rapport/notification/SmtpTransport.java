package app.rapport.notification;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Sends through an SMTP server. A batch goes over one connection
 * ({@link JavaMailSender#send(MimeMessage...)}), which is what makes hundreds of emails
 * per second possible.
 */
class SmtpTransport implements MailTransport {

	/** The longest line a message may carry as it is (RFC 5322), without its CRLF. */
	private static final int MAX_LINE_LENGTH = 998;

	private final JavaMailSender sender;

	private final InternetAddress from;

	SmtpTransport(JavaMailSender sender, InternetAddress from) {
		this.sender = sender;
		this.from = from;
	}

	@Override
	public Map<UUID, Exception> deliver(List<OutgoingEmail> emails) {
		Map<UUID, Exception> failures = new HashMap<>();
		Map<MimeMessage, UUID> ids = new IdentityHashMap<>();
		for (OutgoingEmail email : emails) {
			try {
				ids.put(toMessage(email), email.id());
			}
			catch (MessagingException | RuntimeException ex) {
				failures.put(email.id(), ex);
			}
		}
		if (ids.isEmpty()) {
			return failures;
		}
		try {
			sender.send(ids.keySet().toArray(MimeMessage[]::new));
		}
		catch (MailSendException ex) {
			if (ex.getFailedMessages().isEmpty()) {
				ids.values().forEach(id -> failures.put(id, ex));
			}
			ex.getFailedMessages().forEach((message, reason) -> {
				UUID id = ids.get(message);
				if (id != null) {
					failures.put(id, reason);
				}
			});
		}
		catch (MailException ex) {
			// authentication or preparation failed: nothing of the batch was sent
			ids.values().forEach(id -> failures.put(id, ex));
		}
		return failures;
	}

	private MimeMessage toMessage(OutgoingEmail email) throws MessagingException {
		MimeMessage message = sender.createMimeMessage();
		message.setFrom(from);
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(email.to(), true));
		message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
		message.setSentDate(new Date());
		// Tells auto-responders not to answer (RFC 3834).
		message.setHeader("Auto-Submitted", "auto-generated");
		MimeBodyPart text = part(email.text(), "text/plain; charset=UTF-8");
		MimeBodyPart html = part(email.html(), "text/html; charset=UTF-8");
		MimeMultipart alternative = new MimeMultipart("alternative");
		alternative.addBodyPart(text);
		alternative.addBodyPart(html);
		message.setContent(alternative);
		// JavaMailSenderImpl keeps an explicit Message-ID when it saves the message.
		message.setHeader("Message-ID", email.messageId());
		return message;
	}

	/**
	 * A part carrying its text as UTF-8 bytes, with its transfer encoding named. Given a
	 * string instead, the mail library writes it through a stream that hands the SMTP
	 * stream one byte per call (19% of the delivery node's CPU); unnamed, it writes each
	 * part once more only to choose an encoding (9%).
	 */
	private static MimeBodyPart part(String content, String type) throws MessagingException {
		MimeBodyPart part = new MimeBodyPart();
		part.setDataHandler(new DataHandler(new ByteArrayDataSource(content.getBytes(StandardCharsets.UTF_8), type)));
		part.setHeader("Content-Type", type);
		part.setHeader("Content-Transfer-Encoding", transferEncoding(content));
		return part;
	}

	/**
	 * {@code 7bit} for text that may go as it is (ASCII without NUL or bare carriage
	 * returns, lines of at most 998 characters, RFC 5322), else {@code quoted-printable},
	 * which suits any text: encoding every byte of a part was 17% of the delivery node's
	 * CPU, and most parts are plain ASCII.
	 */
	static String transferEncoding(String content) {
		int lineLength = 0;
		for (int i = 0; i < content.length(); i++) {
			char c = content.charAt(i);
			if (c == '\n') {
				lineLength = 0;
				continue;
			}
			if (c >= 0x80 || c == 0 || c == '\r' || ++lineLength > MAX_LINE_LENGTH) {
				return "quoted-printable";
			}
		}
		return "7bit";
	}

	@Override
	public String description() {
		return "SMTP";
	}

}
