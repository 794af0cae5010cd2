package app.rapport.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import app.rapport.BrowserTest;
import app.rapport.Providers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class ClientImportBrowserTest extends BrowserTest {

	@Autowired
	Providers providers;

	@TempDir
	Path folder;

	@Test
	void csvWithOneInvalidRowInvitesTheThreeValidRowsAndSkipsTheInvalidOne() throws IOException {
		Providers.Provider provider = providers.provider("Harbour Coaching");
		List<String> emails = List.of(Providers.uniqueEmail("ana"), Providers.uniqueEmail("ben"),
				Providers.uniqueEmail("chen"));
		Path csv = folder.resolve("clients.csv");
		Files.writeString(csv, """
				First name,Last name,Email,Phone,Tags
				Ana,Lopez,%s,+44 20 7946 0000,leadership;2026
				Ben,Okafor,%s,,
				"Chen, Jr.",Li,%s,,team
				Dana,Broken,dana-at-example.com,,
				""".formatted(emails.get(0), emails.get(1), emails.get(2)), StandardCharsets.UTF_8);

		signIn(provider.ownerEmail(), Providers.PASSWORD);
		open("/clients/import");
		waitForHeading("Import individual clients from a CSV file");
		look("import");

		field("CSV file").sendKeys(csv.toAbsolutePath().toString());
		submit("Upload and preview");
		waitForHeading("Import preview");
		assertThat(pageText()).contains("clients.csv: 4 rows", "3 new", "0 duplicate", "1 invalid");
		WebElement invalid = row("dana-at-example.com");
		assertThat(invalid.findElement(By.cssSelector(".badge")).getText()).isEqualTo("Invalid");
		assertThat(cells(invalid).get(2).getText()).as("the reason the row is skipped, next to its status")
			.isEqualTo("Enter a valid email address, like name@example.com.");
		for (String email : emails) {
			assertThat(row(email).findElement(By.cssSelector(".badge")).getText()).isEqualTo("New");
		}
		assertThat(driver.findElements(By.cssSelector("tbody tr")).getFirst().getText()).as("skipped rows come first")
			.contains("dana-at-example.com");
		look("preview");

		click("Invite all valid rows");
		waitForText("Imported 3 clients");
		assertThat(pageText()).contains("Each of them was sent an invitation.");
		assertThat(driver.findElements(By.xpath("//button[normalize-space()='Invite all valid rows']")))
			.as("the buttons are gone once imported")
			.isEmpty();
		look("imported");

		follow("Go to the Clients page");
		waitForHeading("Clients");
		for (String email : emails) {
			assertThat(row(email).getText()).contains("Invited");
		}
		assertThat(pageText()).contains("Ana Lopez", "Ben Okafor", "Chen, Jr. Li")
			.doesNotContain("Dana")
			.doesNotContain("dana-at-example.com");
		look("clients");

		for (String email : emails) {
			assertThat(mailbox.awaitLink(email, "/join?token=")).startsWith(baseUrl());
			assertThat(mailbox.messagesTo(email)).hasSize(1);
		}
	}

	private static WebElement row(String text) {
		return driver.findElement(By.xpath("//tbody/tr[td[normalize-space()='" + text + "']]"));
	}

	private static List<WebElement> cells(WebElement row) {
		return row.findElements(By.tagName("td"));
	}

}
