package app.rapport.notification;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The developer mailbox: nothing leaves the machine. The outbox row itself is the
 * mailbox, shown at {@code /dev/mailbox}, so delivering only means marking it sent.
 */
class DevMailboxTransport implements MailTransport {

	@Override
	public Map<UUID, Exception> deliver(List<OutgoingEmail> emails) {
		return Map.of();
	}

	@Override
	public boolean isDevMailbox() {
		return true;
	}

	@Override
	public String description() {
		return "developer mailbox at /dev/mailbox";
	}

}
