package app.rapport.notification.web;

import java.util.List;
import java.util.UUID;

import app.rapport.notification.Notification;
import app.rapport.notification.Notifications;
import app.rapport.shared.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/notifications")
@Tag(name = "Notifications", description = "Your in-app notifications")
class NotificationApiController {

	private final Notifications notifications;

	NotificationApiController(Notifications notifications) {
		this.notifications = notifications;
	}

	@GetMapping
	@Operation(summary = "Your notifications, newest first; page with ?before=<next>")
	NotificationPage list(CurrentUser user, @RequestParam(required = false) @Nullable UUID before,
			@RequestParam(defaultValue = "20") int size) {
		int limit = Math.clamp(size, 1, Notifications.MAX_PAGE_SIZE);
		List<Notification> items = notifications.page(user.accountId(), before, limit);
		return new NotificationPage(items, items.size() == limit ? items.getLast().id() : null);
	}

	@GetMapping("/unread-count")
	@Operation(summary = "How many of your notifications are unread")
	UnreadCount unreadCount(CurrentUser user) {
		return new UnreadCount(notifications.unreadCount(user.accountId()));
	}

	@PostMapping("/{id}/read")
	@Operation(summary = "Mark one of your notifications as read")
	Notification markRead(CurrentUser user, @PathVariable UUID id) {
		return notifications.markRead(user.accountId(), id);
	}

	@PostMapping("/read-all")
	@Operation(summary = "Mark all your notifications as read")
	MarkedRead markAllRead(CurrentUser user) {
		return new MarkedRead(notifications.markAllRead(user.accountId()));
	}

	/**
	 * @param next the cursor of the next page, or null on the last page
	 */
	record NotificationPage(List<Notification> items, @Nullable UUID next) {
	}

	record UnreadCount(long unread) {
	}

	record MarkedRead(int marked) {
	}

}
