package app.rapport.notification.web;

import java.util.List;
import java.util.UUID;

import app.rapport.notification.Notification;
import app.rapport.notification.Notifications;
import app.rapport.shared.CurrentUser;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class NotificationController {

	static final int PAGE_SIZE = 20;

	private final Notifications notifications;

	NotificationController(Notifications notifications) {
		this.notifications = notifications;
	}

	@GetMapping("/notifications")
	String list(CurrentUser user, @RequestParam(required = false) @Nullable UUID before, Model model) {
		List<Notification> page = notifications.page(user.accountId(), before, PAGE_SIZE);
		model.addAttribute("notifications", page);
		model.addAttribute("unread", notifications.unreadCount(user.accountId()));
		model.addAttribute("next", page.size() == PAGE_SIZE ? page.getLast().id() : null);
		model.addAttribute("older", before != null);
		return "notification/list";
	}

	/** The bell of the navigation bar, loaded and refreshed by htmx. */
	@GetMapping("/notifications/bell")
	String bell(CurrentUser user, Model model) {
		model.addAttribute("unread", notifications.unreadCount(user.accountId()));
		return "notification/bell :: bell";
	}

	/** Opens a notification's target and marks it read on the way. */
	@GetMapping("/notifications/{id}/open")
	String open(CurrentUser user, @PathVariable UUID id) {
		Notification notification = notifications.markRead(user.accountId(), id);
		String link = notification.link();
		// links are checked when stored; checking again keeps this from ever being an
		// open
		// redirect
		return link != null && Notifications.isApplicationPath(link) ? "redirect:" + link : "redirect:/notifications";
	}

	@PostMapping("/notifications/{id}/read")
	String markRead(CurrentUser user, @PathVariable UUID id) {
		notifications.markRead(user.accountId(), id);
		return "redirect:/notifications";
	}

	@PostMapping("/notifications/read-all")
	String markAllRead(CurrentUser user, RedirectAttributes redirect) {
		int marked = notifications.markAllRead(user.accountId());
		redirect.addFlashAttribute("flash",
				marked == 1 ? "1 notification marked as read." : marked + " notifications marked as read.");
		return "redirect:/notifications";
	}

}
