package app.rapport.notification.web;

import java.util.List;
import java.util.UUID;

import app.rapport.notification.EmailDeliveries;
import app.rapport.notification.EmailDelivery;
import app.rapport.notification.EmailStatus;
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
@RequestMapping("/api/v1/emails")
@Tag(name = "Email delivery", description = "Emails sent on behalf of your organization (owners and admins)")
class EmailDeliveryApiController {

	private final EmailDeliveries deliveries;

	EmailDeliveryApiController(EmailDeliveries deliveries) {
		this.deliveries = deliveries;
	}

	@GetMapping
	@Operation(summary = "The organization's emails, newest first; filter with ?status=FAILED, page with ?before=<id>")
	List<EmailDelivery> list(CurrentUser user, @RequestParam(required = false) @Nullable EmailStatus status,
			@RequestParam(required = false) @Nullable UUID before, @RequestParam(defaultValue = "50") int size) {
		return deliveries.page(user.requireAdmin(), status, before, size);
	}

	@PostMapping("/{id}/retry")
	@Operation(summary = "Send a failed email again, with a fresh series of attempts")
	EmailDelivery retry(CurrentUser user, @PathVariable UUID id) {
		return deliveries.retry(user.requireAdmin(), id);
	}

}
