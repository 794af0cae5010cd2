package app.rapport.notification;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Picks how emails leave: SMTP when Spring Boot configured a {@link JavaMailSender}
 * ({@code spring.mail.host} is set), else the developer mailbox when
 * {@code rapport.mail.dev-mailbox=true}, else nothing (emails wait in the outbox).
 */
@Configuration(proxyBeanMethods = false)
class MailTransportConfiguration {

	private static final Logger log = LoggerFactory.getLogger(MailTransportConfiguration.class);

	/**
	 * Jakarta Mail looks its stream provider up with a ServiceLoader scan on every
	 * message part it builds or encodes (jakartaee/mail-api#861); from the executable jar
	 * that was half of the delivery's CPU. Naming the implementation makes it a plain
	 * class lookup.
	 */
	static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

	static {
		if (System.getProperty(STREAM_PROVIDER) == null) {
			System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
		}
	}

	@Bean
	MailTransport mailTransport(ObjectProvider<JavaMailSender> senders, EmailDeliveryProperties properties) {
		JavaMailSender sender = senders.getIfAvailable();
		if (sender != null) {
			return new SmtpTransport(sender, fromAddress(properties));
		}
		if (properties.devMailbox()) {
			return new DevMailboxTransport();
		}
		log.warn("No SMTP server (spring.mail.host) and the developer mailbox is off (rapport.mail.dev-mailbox): "
				+ "emails stay pending in the outbox until one is configured.");
		return MailTransport.NONE;
	}

	static InternetAddress fromAddress(EmailDeliveryProperties properties) {
		try {
			InternetAddress[] addresses = InternetAddress.parse(properties.from(), true);
			if (addresses.length != 1) {
				throw new IllegalStateException("rapport.mail.from must hold exactly one address");
			}
			return addresses[0];
		}
		catch (AddressException ex) {
			throw new IllegalStateException("rapport.mail.from is not a valid address: " + properties.from(), ex);
		}
	}

}
