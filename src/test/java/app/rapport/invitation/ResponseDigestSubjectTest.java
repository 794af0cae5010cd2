package app.rapport.invitation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseDigestSubjectTest {

	static ResponseDigests.Response response(String name, boolean accepted) {
		return new ResponseDigests.Response(name, name.toLowerCase() + "@example.com", accepted,
				InvitationPurpose.INDIVIDUAL_CLIENT, Instant.EPOCH);
	}

	@Test
	void oneResponseIsNamed() {
		assertThat(ResponseDigests.subject(List.of(response("Ana Lopez", true))))
			.isEqualTo("Ana Lopez accepted your invitation");
		assertThat(ResponseDigests.subject(List.of(response("Ben Okafor", false))))
			.isEqualTo("Ben Okafor declined your invitation");
	}

	@Test
	void manyResponsesAreCountedWithThousandsSeparated() {
		List<ResponseDigests.Response> accepted = new ArrayList<>();
		for (int i = 0; i < 1_200; i++) {
			accepted.add(response("Person " + i, true));
		}
		assertThat(ResponseDigests.subject(accepted)).isEqualTo("1,200 people accepted your invitations");
		accepted.add(response("Late", false));
		assertThat(ResponseDigests.subject(accepted))
			.isEqualTo("1,201 people responded to your invitations: 1,200 accepted, 1 declined");
		assertThat(ResponseDigests.subject(List.of(response("A", false), response("B", false))))
			.isEqualTo("2 people declined your invitations");
	}

}
