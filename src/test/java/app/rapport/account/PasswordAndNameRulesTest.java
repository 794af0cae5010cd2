package app.rapport.account;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordAndNameRulesTest {

	@ParameterizedTest
	@ValueSource(strings = { "", "short", "nine char" })
	void passwordsShorterThanTenCharactersAreRefused(String password) {
		assertThatThrownBy(() -> PasswordPolicy.check(password)).hasMessageContaining("at least 10");
	}

	@ParameterizedTest
	@ValueSource(strings = { "correct horse battery", "ten chars!", "日本語のパスワードです" })
	void longEnoughPasswordsAreAccepted(String password) {
		assertThatCode(() -> PasswordPolicy.check(password)).doesNotThrowAnyException();
	}

	@ParameterizedTest
	@ValueSource(ints = { 73, 200 })
	void passwordsBeyondWhatBcryptReadsAreRefused(int length) {
		assertThatThrownBy(() -> PasswordPolicy.check("x".repeat(length))).hasMessageContaining("at most 72 bytes");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Ana\u202eCoach", "Ana\u200bCoach", "Ana\r\nBcc: x", "<b>Ana</b>", "   " })
	void namesWithControlsInvisiblesOrMarkupAreRefused(String name) {
		assertThatThrownBy(() -> DisplayName.clean(name)).isInstanceOf(IllegalArgumentException.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "  Ana   María  O'Brien ", "李小龍", "Zoë Ødegaard-Smith" })
	void realNamesAreAcceptedAndTidied(String name) {
		assertThat(DisplayName.clean(name)).doesNotStartWith(" ").doesNotContain("  ");
	}

}
