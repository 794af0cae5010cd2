package app.rapport.client.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;

import app.rapport.client.ClientExports;
import app.rapport.client.ClientKind;
import app.rapport.client.ClientQuery;
import app.rapport.client.ClientStatus;
import app.rapport.shared.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Export CSV on the Clients page and its API twin: the same file, with the list's
 * filters.
 */
@RestController
@Tag(name = "Clients", description = "Client records: individual clients and client companies")
class ClientExportController {

	private final ClientExports exports;

	private final Clock clock;

	ClientExportController(ClientExports exports, Clock clock) {
		this.exports = exports;
		this.clock = clock;
	}

	/**
	 * The page's Export CSV link and the API: one handler, so they cannot drift apart.
	 */
	@GetMapping({ "/clients/export", "/api/v1/clients/export" })
	@Operation(summary = "Export CSV: every client matching the filters, as a UTF-8 CSV file (cells that a "
			+ "spreadsheet would read as a formula start with an apostrophe)")
	@ApiResponse(responseCode = "200", description = "The CSV file",
			content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "429", description = "An export of the organization is already running")
	void export(CurrentUser user, @RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable ClientKind kind,
			@RequestParam(required = false) @Nullable ClientStatus status,
			@RequestParam(required = false) @Nullable String tag,
			@RequestParam(defaultValue = "RECENT") ClientQuery.Sort sort,
			@RequestParam(defaultValue = "false") boolean archived, HttpServletResponse response) throws IOException {
		exports.export(user, new ClientQuery(q, kind, status, tag, sort, archived, null, ClientQuery.MAX_SIZE),
				() -> open(response));
	}

	private Writer open(HttpServletResponse response) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment()
					.filename("clients-" + LocalDate.now(clock) + ".csv", StandardCharsets.UTF_8)
					.build()
					.toString());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		return new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
	}

}
