package app.rapport.notification;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A rendered email ready for a transport.
 *
 * @param messageId the {@code Message-ID} header, derived from the outbox id so that a
 * repeated delivery after a crash can be recognised by the receiver
 */
record OutgoingEmail(UUID id, String to, String subject, String html, String text, String messageId) {

	private static final Pattern CONTROLS = Pattern.compile("[\\r\\n\\p{Cntrl}]+");

	OutgoingEmail {
		// The outbox refuses line breaks already; this guards the header once more.
		subject = CONTROLS.matcher(subject).replaceAll(" ").strip();
	}

}
