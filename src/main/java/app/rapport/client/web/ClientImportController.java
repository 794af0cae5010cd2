package app.rapport.client.web;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import app.rapport.client.ClientImport;
import app.rapport.client.ClientImports;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.Problem;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Import CSV: upload a file, check the preview of every row, then import the new rows as
 * internal records or invite them. The commit button posts with htmx and shows progress;
 * without JavaScript the same form posts and redirects to the result.
 */
@Controller
class ClientImportController {

	/** Rows the preview page lists; the API returns all of them. */
	static final int SHOWN_ROWS = 1_000;

	private final ClientImports imports;

	private final Clock clock;

	ClientImportController(ClientImports imports, Clock clock) {
		this.imports = imports;
		this.clock = clock;
	}

	@GetMapping("/clients/import")
	String form(CurrentUser user, Model model) {
		user.requireAdmin();
		return form(model, null);
	}

	@PostMapping("/clients/import")
	String upload(CurrentUser user, @RequestParam(required = false) @Nullable MultipartFile file, Model model,
			HttpServletResponse response) throws IOException {
		user.requireAdmin();
		if (file == null || file.isEmpty()) {
			response.setStatus(400);
			return form(model, "Choose a CSV file to upload.");
		}
		try (InputStream csv = file.getInputStream()) {
			ClientImport preview = imports.preview(user, file.getOriginalFilename(), csv);
			return "redirect:/clients/import/" + preview.id();
		}
		catch (Problem problem) {
			if (problem.status() != 400) {
				throw problem;
			}
			response.setStatus(400);
			return form(model, problem.getMessage());
		}
	}

	@GetMapping("/clients/import/{id}")
	String preview(CurrentUser user, @PathVariable UUID id, Model model) {
		ClientImport preview = imports.find(user, id);
		List<ClientImport.Row> shown = preview.rows()
			.stream()
			.sorted(Comparator.comparing((ClientImport.Row row) -> row.status() == ClientImport.RowStatus.NEW)
				.thenComparing(ClientImport.Row::line))
			.limit(SHOWN_ROWS)
			.toList();
		model.addAttribute("preview", preview);
		model.addAttribute("shown", shown);
		model.addAttribute("expired", preview.expired(clock.instant()));
		model.addAttribute("imported", preview.importedCount());
		model.addAttribute("invited", Boolean.TRUE.equals(preview.invited()));
		return "client/import-preview";
	}

	@PostMapping("/clients/import/{id}/commit")
	String commit(CurrentUser user, @PathVariable UUID id, @RequestParam(defaultValue = "false") boolean invite,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model,
			RedirectAttributes redirect) {
		try {
			ClientImport.Result result = imports.commit(user, id, invite);
			if (htmx != null) {
				model.addAttribute("imported", result.imported());
				model.addAttribute("invited", result.invited() > 0);
				model.addAttribute("swapped", true);
				return "client/import-preview :: result";
			}
			return "redirect:/clients/import/" + id;
		}
		catch (Problem problem) {
			if (problem.status() == 404 || problem.status() == 403) {
				throw problem;
			}
			if (htmx != null) {
				model.addAttribute("failure", problem.getMessage());
				return "client/import-preview :: failure";
			}
			redirect.addFlashAttribute("flashError", problem.getMessage());
			return "redirect:/clients/import/" + id;
		}
	}

	private static String form(Model model, @Nullable String error) {
		model.addAttribute("error", error);
		model.addAttribute("maxRows", ClientImports.MAX_ROWS);
		model.addAttribute("maxMegabytes", ClientImports.MAX_BYTES / (1024 * 1024));
		return "client/import";
	}

}
