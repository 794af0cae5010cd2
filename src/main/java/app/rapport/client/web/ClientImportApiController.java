package app.rapport.client.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.UUID;

import app.rapport.client.ClientImport;
import app.rapport.client.ClientImports;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/clients/imports")
@Tag(name = "Client imports",
		description = "Import individual clients from a CSV file: preview every row, then commit the new ones")
class ClientImportApiController {

	private final ClientImports imports;

	ClientImportApiController(ClientImports imports) {
		this.imports = imports;
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Upload a CSV file (multipart field \"file\") and get the preview of every row",
			description = "Columns: first name, last name, email, phone (optional), tags (optional, separated by ; or |). "
					+ "UTF-8, at most 10,000 rows and 5 MB. Nothing is imported until the commit.")
	ResponseEntity<ClientImport> uploadFile(CurrentUser user,
			@RequestParam(required = false) @Nullable MultipartFile file) throws IOException {
		if (file == null || file.isEmpty()) {
			throw Problem.invalid("Send the CSV file in the multipart field \"file\".");
		}
		try (InputStream csv = file.getInputStream()) {
			return created(imports.preview(user, file.getOriginalFilename(), csv));
		}
	}

	@PostMapping(consumes = "text/csv")
	@Operation(summary = "Upload a CSV file as the request body (text/csv) and get the preview of every row")
	ResponseEntity<ClientImport> uploadBody(CurrentUser user, InputStream csv) {
		return created(imports.preview(user, null, csv));
	}

	@GetMapping("/{id}")
	@Operation(summary = "The preview of one of your imports (kept for an hour)")
	ClientImport find(CurrentUser user, @PathVariable UUID id) {
		return imports.find(user, id);
	}

	@PostMapping("/{id}/commit")
	@Operation(summary = "Import the new rows of a preview, all or none",
			description = "invite=false keeps them as internal records; invite=true also sends each an invitation. "
					+ "409 when the organization owner's email is not confirmed, 429 at a rate limit; nothing is stored then.")
	ClientImport.Result commit(CurrentUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "false") boolean invite) {
		return imports.commit(user, id, invite);
	}

	private static ResponseEntity<ClientImport> created(ClientImport preview) {
		return ResponseEntity.created(URI.create("/api/v1/clients/imports/" + preview.id())).body(preview);
	}

}
