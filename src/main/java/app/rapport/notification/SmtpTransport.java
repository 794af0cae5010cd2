package app.rapport.notification;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Sends through an SMTP server. A batch goes over one connection
 * ({@link JavaMailSender#send(MimeMessage...)}), which is what makes hundreds of emails
 * per second possible.
 */
class SmtpTransport implements MailTransport {

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
		MimeBodyPart text = new MimeBodyPart();
		text.setText(email.text(), StandardCharsets.UTF_8.name());
		MimeBodyPart html = new MimeBodyPart();
		html.setText(email.html(), StandardCharsets.UTF_8.name(), "html");
		// Quoted-printable suits any text. Named here, the mail library does not write
		// each part once more only to choose an encoding (9% of the delivery node's CPU).
		text.setHeader("Content-Transfer-Encoding", "quoted-printable");
		html.setHeader("Content-Transfer-Encoding", "quoted-printable");
		MimeMultipart alternative = new MimeMultipart("alternative");
		alternative.addBodyPart(text);
		alternative.addBodyPart(html);
		message.setContent(alternative);
		// JavaMailSenderImpl keeps an explicit Message-ID when it saves the message.
		message.setHeader("Message-ID", email.messageId());
		return message;
	}

	@Override
	public String description() {
		return "SMTP";
	}

}
