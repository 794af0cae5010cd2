package app.rapport.shared.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import app.rapport.client.ClientId;
import app.rapport.client.ClientKind;
import app.rapport.client.ClientPage;
import app.rapport.client.ClientRecord;
import app.rapport.community.ProgramMember;
import app.rapport.community.ProgramRole;
import app.rapport.shared.AccountId;
import app.rapport.shared.OrganizationId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.module.blackbird.BlackbirdModule;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blackbird only changes how Jackson reads the records, never what it writes: seeded
 * random pages of the API's records come out the same with and without it.
 */
class BlackbirdJsonTest {

	final JsonMapper plain = JsonMapper.builder().build();

	final JsonMapper blackbird = JsonMapper.builder().addModule(new JsonConfiguration().blackbirdModule()).build();

	final Random random = new Random(20261202);

	@Test
	void pagesOfClientsAndMembersAreWrittenTheSameWithAndWithoutIt() {
		for (int i = 0; i < 300; i++) {
			List<ClientRecord> clients = new ArrayList<>();
			List<ProgramMember> members = new ArrayList<>();
			for (int n = random.nextInt(5); n >= 0; n--) {
				clients.add(client());
				members.add(new ProgramMember(new AccountId(UUID.randomUUID()), text(), text(),
						ProgramRole.values()[random.nextInt(ProgramRole.values().length)], instant()));
			}
			ClientPage page = new ClientPage(clients, random.nextBoolean() ? null : text());
			String written = blackbird.writeValueAsString(page);
			assertThat(written).isEqualTo(plain.writeValueAsString(page)).contains("\"clients\"");
			assertThat(blackbird.writeValueAsString(members)).isEqualTo(plain.writeValueAsString(members));
		}
	}

	private ClientRecord client() {
		return new ClientRecord(new ClientId(UUID.randomUUID()), new OrganizationId(UUID.randomUUID()),
				ClientKind.values()[random.nextInt(ClientKind.values().length)],
				app.rapport.client.ClientStatus.values()[random
					.nextInt(app.rapport.client.ClientStatus.values().length)],
				text(), maybe(), maybe(), maybe(), maybe(), maybe(), maybe(), maybe(), maybe(),
				random.nextBoolean() ? List.of() : List.of(text(), text()), maybe(),
				random.nextBoolean() ? null : new AccountId(UUID.randomUUID()),
				random.nextBoolean() ? null : new OrganizationId(UUID.randomUUID()), new AccountId(UUID.randomUUID()),
				instant(), random.nextBoolean() ? null : instant(), random.nextBoolean() ? null : instant());
	}

	private String text() {
		String alphabet = "abcXYZ 0-9éü\"\\\n\t<>&😀";
		StringBuilder text = new StringBuilder();
		for (int n = 1 + random.nextInt(20); n > 0; n--) {
			text.appendCodePoint(alphabet.codePointAt(
					alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
		}
		return text.toString();
	}

	private String maybe() {
		return random.nextBoolean() ? null : text();
	}

	private Instant instant() {
		return Instant.ofEpochSecond(random.nextLong(4_000_000_000L),
				random.nextInt(4) * 250_000_000L + random.nextInt(2));
	}

}
