package app.rapport.shared;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretTokenTest {

	@Test
	void tokensCarry256RandomBitsAndNeverRepeat() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			SecretToken token = SecretToken.generate();
			assertThat(Base64.getUrlDecoder().decode(token.value())).hasSize(32);
			assertThat(seen.add(token.value())).isTrue();
		}
	}

	@Test
	void onlyTheHashIsMeantToBeStored() {
		SecretToken token = SecretToken.generate();
		assertThat(token.hash()).hasSize(64).isNotEqualTo(token.value()).isEqualTo(SecretToken.hash(token.value()));
		assertThat(token.toString()).doesNotContain(token.value());
	}

}
