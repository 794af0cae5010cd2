package app.rapport.notification;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Hands rendered emails to the outside world. */
interface MailTransport {

	/**
	 * Leaves every email pending: neither SMTP nor the developer mailbox is configured.
	 */
	MailTransport NONE = new MailTransport() {

		@Override
		public Map<UUID, Exception> deliver(List<OutgoingEmail> emails) {
			throw new IllegalStateException("no mail transport configured");
		}

		@Override
		public boolean available() {
			return false;
		}

		@Override
		public String description() {
			return "none";
		}
	};

	/**
	 * Delivers a batch, over one connection where the transport has connections.
	 * @return the emails that could not be delivered, by outbox id, with the reason;
	 * empty when every email was accepted
	 */
	Map<UUID, Exception> deliver(List<OutgoingEmail> emails);

	default boolean available() {
		return true;
	}

	default boolean isDevMailbox() {
		return false;
	}

	String description();

}
