package app.rapport.invitation;

import java.time.Duration;

import app.rapport.ProviderBrowserTest;
import app.rapport.Providers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class InvitationLinkBrowserTest extends ProviderBrowserTest {

	@Test
	void resendingSendsANewLinkAndTheEarlierOneNoLongerWorks() {
		signedInProvider("Resend Coaching");
		String email = Providers.uniqueEmail("rae");
		invite("Rae", "Cole", email);
		String first = invitationLink(email);

		submit("Resend");
		waitForText("The invitation was sent again with a new link; the previous link no longer works.");
		assertThat(clientStatus()).isEqualTo("Invited");
		look("profile-resent");
		String second = await().atMost(Duration.ofSeconds(20))
			.until(() -> invitationLink(email), (link) -> !link.equals(first));

		signOut();
		open(first);
		waitForHeading("This invitation link no longer works");
		look("dead-link");
		open(second);
		waitForHeading("Join Resend Coaching");
	}

	@Test
	void revokingMakesTheLinkStopWorking() {
		signedInProvider("Revoke Coaching");
		String email = Providers.uniqueEmail("rob");
		invite("Rob", "Hale", email);
		String link = invitationLink(email);

		submitConfirmed("Revoke");
		waitForHeading("Rob Hale");
		assertThat(clientStatus()).isEqualTo("Internal");
		assertThat(pageText()).contains("Revoked");
		look("profile-revoked");

		signOut();
		open(link);
		waitForHeading("This invitation link no longer works");
		look("dead-link");
	}

	@Test
	void personWithAnAccountSignsInToAcceptAndSeesTheProviderInMyCoaching() {
		Providers.Person kim = providers.person("Kim");
		signedInProvider("Existing Account Coaching");
		invite("Kim", "Lee", kim.email());
		String link = invitationLink(kim.email());

		signOut();
		open(link);
		waitForHeading("Join Existing Account Coaching");
		assertThat(pageText()).contains("You already have a Rapport account");
		look("sign-in-to-accept");
		follow("Sign in to accept");
		assertThat(currentPath()).startsWith("/sign-in");
		look("sign-in");
		attemptSignIn(kim.email(), Providers.PASSWORD);
		waitForHeading("Join Existing Account Coaching as a client?");
		look("confirm");

		submit("Accept");
		waitForHeading("My coaching");
		waitForText("Welcome! You accepted the invitation.");
		assertThat(pageText()).contains("Existing Account Coaching");
		look("my-coaching");
	}

	/** Create New → Individual Client → Invite, ending on the client's profile. */
	private void invite(String firstName, String lastName, String email) {
		createNew("Individual Client");
		fill("First name", firstName);
		fill("Last name", lastName);
		fill("Email", email);
		submit("Invite");
		waitForHeading(firstName + " " + lastName);
		assertThat(clientStatus()).isEqualTo("Invited");
		look("profile-invited");
	}

}
