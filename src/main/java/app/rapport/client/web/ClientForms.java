package app.rapport.client.web;

import java.util.ArrayList;
import java.util.List;

import app.rapport.client.ClientDetails;
import app.rapport.client.ClientRecord;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Form and API request records of the client pages. */
final class ClientForms {

	private ClientForms() {
	}

	record IndividualRow(@Nullable @Size(max = 200) String firstName, @Nullable @Size(max = 200) String lastName,
			@Nullable @Size(max = 300) String email, @Nullable @Size(max = 60) String phone,
			@Nullable @Size(max = 60) String timeZone, @Nullable @Size(max = 1000) String tags,
			@Nullable @Size(max = ClientDetails.MAX_NOTES + 100) String privateNotes) {

		static IndividualRow empty() {
			return new IndividualRow("", "", "", "", "", "", "");
		}

		ClientDetails.Individual details(boolean emailRequired) {
			return ClientDetails.Individual.of(firstName, lastName, email, phone, timeZone, tags, privateNotes,
					emailRequired);
		}

	}

	/** Create New → Individual Client, with "Add another" rows. */
	record IndividualsForm(@Nullable @Valid List<IndividualRow> rows) {

		List<IndividualRow> rowsOrEmpty() {
			return rows == null || rows.isEmpty() ? List.of(IndividualRow.empty()) : rows;
		}

		IndividualsForm withAnotherRow() {
			List<IndividualRow> more = new ArrayList<>(rowsOrEmpty());
			more.add(IndividualRow.empty());
			return new IndividualsForm(more);
		}

	}

	/** Create New → Client Company. */
	record CompanyForm(@Nullable @Size(max = 300) String name, @Nullable @Size(max = 300) String website,
			@Nullable @Size(max = 400) String address, @Nullable @Size(max = 200) String contactName,
			@Nullable @Size(max = 300) String contactEmail, @Nullable @Size(max = 1000) String tags,
			@Nullable @Size(max = ClientDetails.MAX_NOTES + 100) String privateNotes) {

		static CompanyForm empty() {
			return new CompanyForm("", "", "", "", "", "", "");
		}

		ClientDetails.Company details() {
			return ClientDetails.Company.of(name, website, address, contactName, contactEmail, tags, privateNotes);
		}

	}

	/** Edit a client record. */
	record EditForm(@Nullable @Size(max = 200) String firstName, @Nullable @Size(max = 200) String lastName,
			@Nullable @Size(max = 300) String name, @Nullable @Size(max = 60) String phone,
			@Nullable @Size(max = 60) String timeZone, @Nullable @Size(max = 300) String website,
			@Nullable @Size(max = 400) String address, @Nullable @Size(max = 200) String contactName,
			@Nullable @Size(max = 1000) String tags,
			@Nullable @Size(max = ClientDetails.MAX_NOTES + 100) String privateNotes) {

		static EditForm of(ClientRecord record) {
			return new EditForm(record.firstName(), record.lastName(), record.displayName(), record.phone(),
					record.timeZone(), record.website(), record.address(), record.contactName(),
					String.join(", ", record.tags()), record.privateNotes());
		}

	}

	/** The owner edits their own details on My coaching. */
	record OwnDetailsForm(@Nullable @Size(max = 200) String firstName, @Nullable @Size(max = 200) String lastName,
			@Nullable @Size(max = 60) String phone, @Nullable @Size(max = 60) String timeZone) {
	}

}
