package app.rapport.notification;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TransferEncodingTest {

	@Test
	void asciiWithShortLinesGoesAsItIs() {
		assertThat(SmtpTransport.transferEncoding("")).isEqualTo("7bit");
		assertThat(SmtpTransport.transferEncoding("<p>Hello Ada,</p>\n<a href=\"https://x.test/?a=1&b=2\">Join</a>\n"))
			.isEqualTo("7bit");
		assertThat(SmtpTransport.transferEncoding("a".repeat(998) + "\n" + "b".repeat(998))).isEqualTo("7bit");
	}

	@Test
	void anythingElseIsQuotedPrintable() {
		assertThat(SmtpTransport.transferEncoding("— Acme Coaching")).isEqualTo("quoted-printable");
		assertThat(SmtpTransport.transferEncoding("Hello Zoë")).isEqualTo("quoted-printable");
		assertThat(SmtpTransport.transferEncoding("a".repeat(999))).isEqualTo("quoted-printable");
		assertThat(SmtpTransport.transferEncoding("short\n" + "a".repeat(999) + "\nshort"))
			.isEqualTo("quoted-printable");
		assertThat(SmtpTransport.transferEncoding("line\r\nline")).isEqualTo("quoted-printable");
		assertThat(SmtpTransport.transferEncoding("nul\0byte")).isEqualTo("quoted-printable");
	}

}
