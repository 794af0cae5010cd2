package app.rapport.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A GreenMail SMTP server on a fixed free port that a test can stop (the mail server
 * refuses connections) and start again on the same port.
 */
final class Smtp {

	final int port = freePort();

	private GreenMail server;

	void start() {
		server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		server.start();
	}

	void stop() {
		if (server != null) {
			server.stop();
			server = null;
		}
	}

	List<MimeMessage> received() {
		return server == null ? List.of() : Arrays.asList(server.getReceivedMessages());
	}

	void purge() {
		try {
			server.purgeEmailFromAllMailboxes();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String messageId(MimeMessage message) {
		try {
			return message.getMessageID();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
