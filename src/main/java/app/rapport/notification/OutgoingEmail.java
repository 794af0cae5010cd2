package app.rapport.notification;

import java.util.UUID;

/**
 * A rendered email ready for a transport.
 *
 * @param messageId the {@code Message-ID} header, derived from the outbox id so that a
 * repeated delivery after a crash can be recognised by the receiver
 */
record OutgoingEmail(UUID id, String to, String subject, String html, String text, String messageId) {

	OutgoingEmail {
		// The outbox refuses line breaks already; this guards the header once more.
		subject = subject.replaceAll("[\\r\\n\\p{Cntrl}]+", " ").strip();
	}

}
