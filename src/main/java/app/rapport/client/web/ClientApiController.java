package app.rapport.client.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import app.rapport.client.ClientId;
import app.rapport.client.ClientKind;
import app.rapport.client.ClientPage;
import app.rapport.client.ClientQuery;
import app.rapport.client.ClientRecord;
import app.rapport.client.ClientStatus;
import app.rapport.client.Clients;
import app.rapport.client.Clients.Relationship;
import app.rapport.client.web.ClientForms.CompanyForm;
import app.rapport.client.web.ClientForms.EditForm;
import app.rapport.client.web.ClientForms.IndividualRow;
import app.rapport.client.web.ClientForms.OwnDetailsForm;
import app.rapport.invitation.InvitationId;
import app.rapport.invitation.Invitations.InvitationHistory;
import app.rapport.shared.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Clients", description = "Client records: individual clients and client companies")
class ClientApiController {

	private final Clients clients;

	ClientApiController(Clients clients) {
		this.clients = clients;
	}

	record IndividualsRequest(@NotEmpty @Size(max = Clients.MAX_BATCH) List<@Valid IndividualRow> clients,
			boolean invite) {
	}

	record CompanyRequest(@Valid CompanyForm company, boolean invite) {
	}

	record SendInvitationRequest(@Nullable @Size(max = 300) String email) {
	}

	record Created(List<UUID> ids) {
	}

	record Profile(ClientRecord client, boolean connected, List<InvitationHistory> invitations) {
	}

	@GetMapping("/clients")
	@Operation(summary = "One page of client records; follow 'next' for the next page (keyset pagination)")
	ClientPage list(CurrentUser user, @RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable ClientKind kind,
			@RequestParam(required = false) @Nullable ClientStatus status,
			@RequestParam(required = false) @Nullable String tag,
			@RequestParam(defaultValue = "RECENT") ClientQuery.Sort sort,
			@RequestParam(defaultValue = "false") boolean archived,
			@RequestParam(required = false) @Nullable String after, @RequestParam(defaultValue = "50") int size) {
		return clients.page(user, new ClientQuery(q, kind, status, tag, sort, archived, after, size));
	}

	@PostMapping("/clients/individuals")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create New → Individual Client: one or more (Add another), invited or as internal records")
	CompletableFuture<Created> createIndividuals(CurrentUser user, @Valid @RequestBody IndividualsRequest request) {
		List<app.rapport.client.ClientDetails.Individual> people = new ArrayList<>();
		for (IndividualRow row : request.clients()) {
			people.add(row.details(request.invite()));
		}
		// answered asynchronously: concurrent requests of the same person share a
		// transaction (Clients.createIndividualsAsync)
		return clients.createIndividualsAsync(user, people, request.invite())
			.thenApply(ids -> new Created(ids.stream().map(ClientId::value).toList()));
	}

	@PostMapping("/clients/companies")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create New → Client Company, inviting its point of contact or as an internal record")
	Created createCompany(CurrentUser user, @Valid @RequestBody CompanyRequest request) {
		return new Created(List.of(clients.createCompany(user, request.company().details(), request.invite()).value()));
	}

	@GetMapping("/clients/{id}")
	@Operation(summary = "A client's profile with its invitation history")
	Profile profile(CurrentUser user, @PathVariable UUID id) {
		ClientId clientId = new ClientId(id);
		return new Profile(clients.find(user, clientId), clients.isConnected(user, clientId),
				clients.invitationHistory(user, clientId));
	}

	@PatchMapping("/clients/{id}")
	@Operation(summary = "Edit a client; for an owned record only tags and private notes")
	ClientRecord update(CurrentUser user, @PathVariable UUID id, @Valid @RequestBody EditForm request) {
		ClientRecord record = clients.find(user, new ClientId(id));
		return clients.update(user, record.id(), ClientEdits.apply(record, request));
	}

	@PostMapping("/clients/{id}/invitations")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Send invitation for an internal record (send it later)")
	UUID sendInvitation(CurrentUser user, @PathVariable UUID id,
			@RequestBody(required = false) @Nullable SendInvitationRequest request) {
		return clients.sendInvitation(user, new ClientId(id), request == null ? null : request.email()).value();
	}

	@PostMapping("/clients/{id}/invitations/{invitation}/resend")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Resend the invitation with a new link")
	void resend(CurrentUser user, @PathVariable UUID id, @PathVariable UUID invitation) {
		clients.resendInvitation(user, new ClientId(id), new InvitationId(invitation));
	}

	@PostMapping("/clients/{id}/invitations/{invitation}/revoke")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Revoke the invitation; the record becomes internal again")
	void revoke(CurrentUser user, @PathVariable UUID id, @PathVariable UUID invitation) {
		clients.revokeInvitation(user, new ClientId(id), new InvitationId(invitation));
	}

	@PostMapping("/clients/{id}/archive")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Archive a client")
	void archive(CurrentUser user, @PathVariable UUID id) {
		clients.archive(user, new ClientId(id), true);
	}

	@PostMapping("/clients/{id}/unarchive")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Unarchive a client")
	void unarchive(CurrentUser user, @PathVariable UUID id) {
		clients.archive(user, new ClientId(id), false);
	}

	@GetMapping("/my-coaching")
	@Operation(summary = "My coaching: the client relationships you own, one per provider")
	List<Relationship> myCoaching(CurrentUser user) {
		return clients.relationshipsOf(user.accountId());
	}

	@PatchMapping("/my-coaching/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Edit your own name, phone and time zone in a relationship you own")
	void updateOwnDetails(CurrentUser user, @PathVariable UUID id, @Valid @RequestBody OwnDetailsForm request) {
		clients.updateOwnDetails(user.accountId(), new ClientId(id), request.firstName(), request.lastName(),
				request.phone(), request.timeZone());
	}

}
