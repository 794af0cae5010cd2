package app.rapport.notification.web;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import app.rapport.notification.DevMailbox;
import app.rapport.shared.Problem;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The developer mailbox pages. They need no sign-in (a developer signs up through them),
 * so two guards keep them private: they exist only while the developer mailbox is the
 * transport, and they answer only requests from this machine.
 */
@Controller
class DevMailboxController {

	static final int PAGE_SIZE = 50;

	private final DevMailbox mailbox;

	DevMailboxController(DevMailbox mailbox) {
		this.mailbox = mailbox;
	}

	@GetMapping("/dev/mailbox")
	String list(@RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable UUID before, HttpServletRequest request, Model model) {
		requireOpen(mailbox, request);
		List<DevMailbox.Entry> emails = mailbox.list(to, before, PAGE_SIZE);
		model.addAttribute("emails", emails);
		model.addAttribute("to", to == null ? "" : to);
		model.addAttribute("next", emails.size() == PAGE_SIZE ? emails.getLast().id() : null);
		model.addAttribute("older", before != null);
		return "notification/mailbox";
	}

	@GetMapping("/dev/mailbox/{id}")
	String message(@PathVariable UUID id, HttpServletRequest request, Model model) {
		requireOpen(mailbox, request);
		DevMailbox.Message message = mailbox.open(id).orElseThrow(() -> Problem.notFound("No such email."));
		model.addAttribute("message", message);
		model.addAttribute("preview", openLinksInTopWindow(message.html()));
		return "notification/mailbox-message";
	}

	/**
	 * The preview is a sandboxed frame without scripts; its links must still lead the
	 * developer's browser to the verification or invitation page, so they target the top
	 * window (the sandbox allows that only on a click).
	 */
	static String openLinksInTopWindow(String html) {
		String base = "<base target=\"_top\">";
		int head = html.toLowerCase(Locale.ROOT).indexOf("<head>");
		return head < 0 ? base + html : html.substring(0, head + 6) + base + html.substring(head + 6);
	}

	static void requireOpen(DevMailbox mailbox, HttpServletRequest request) {
		if (!mailbox.isOpen() || !isLoopback(request.getRemoteAddr())) {
			throw Problem.notFound("There is no developer mailbox here.");
		}
	}

	private static boolean isLoopback(@Nullable String address) {
		if (address == null) {
			return false;
		}
		try {
			// an IP literal is parsed without a name lookup
			return InetAddress.ofLiteral(address).isLoopbackAddress();
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** The mailbox for scripts and browser tests: the latest emails with their links. */
	@RestController
	static class Api {

		private final DevMailbox mailbox;

		Api(DevMailbox mailbox) {
			this.mailbox = mailbox;
		}

		@GetMapping("/dev/mailbox/api/messages")
		List<MailboxMessage> messages(@RequestParam(required = false) @Nullable String to,
				@RequestParam(defaultValue = "20") int limit, HttpServletRequest request) {
			requireOpen(mailbox, request);
			return mailbox.latest(to, limit).stream().map(MailboxMessage::of).toList();
		}

	}

	record MailboxMessage(UUID id, String to, String subject, String status, String createdAt, String text,
			List<String> links) {

		static MailboxMessage of(DevMailbox.Message message) {
			return new MailboxMessage(message.id(), message.recipient(), message.subject(), message.status().name(),
					message.createdAt().toString(), message.text(), message.links());
		}

	}

}
