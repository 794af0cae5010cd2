package app.rapport.audit.web;

import java.util.List;

import app.rapport.audit.AuditLog;
import app.rapport.audit.AuditLog.AuditEvent;
import app.rapport.shared.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Controller
class AuditController {

	static final int PAGE_SIZE = 50;

	private final AuditLog audit;

	AuditController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/settings/audit")
	String log(CurrentUser user, @RequestParam(required = false) @Nullable Long before, Model model) {
		List<AuditEvent> events = audit.page(user.requireAdmin(), before, PAGE_SIZE);
		model.addAttribute("events", events);
		model.addAttribute("next", events.size() == PAGE_SIZE ? events.getLast().id() : null);
		return "audit/log";
	}

	@RestController
	@Tag(name = "Audit log")
	static class Api {

		private final AuditLog audit;

		Api(AuditLog audit) {
			this.audit = audit;
		}

		@GetMapping("/api/v1/audit-events")
		@Operation(summary = "The organization's audit log, newest first (owners and admins); page with ?before=<id>")
		List<AuditEvent> events(CurrentUser user, @RequestParam(required = false) @Nullable Long before,
				@RequestParam(defaultValue = "50") int size) {
			return audit.page(user.requireAdmin(), before, size);
		}

	}

}
