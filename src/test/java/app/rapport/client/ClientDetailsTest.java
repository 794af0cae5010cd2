package app.rapport.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ClientDetailsTest {

	@Test
	void aCompanyAddressKeepsTheLinesTypedInTheBrowser() {
		ClientDetails.Company company = ClientDetails.Company.of("Acme Corp", null, "1 Market Street\r\nLondon", null,
				null, null, null);
		assertThat(company.address()).isEqualTo("1 Market Street\nLondon");
	}

	@Test
	void aCompanyAddressRefusesOtherControlCharacters() {
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(
					() -> ClientDetails.Company.of("Acme Corp", null, "1 Market Street\u0007", null, null, null, null))
			.withMessageContaining("no control characters");
	}

}
