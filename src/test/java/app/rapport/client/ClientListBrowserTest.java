package app.rapport.client;

import java.util.UUID;
import java.util.stream.IntStream;

import app.rapport.ProviderBrowserTest;
import app.rapport.Providers;
import app.rapport.RapportClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

class ClientListBrowserTest extends ProviderBrowserTest {

	@Test
	void clientsAreFoundByNamePrefixAndEmailFragmentAndFilteredByStatus() {
		Providers.Provider provider = signedInProvider("Search Coaching");
		String batch = UUID.randomUUID().toString().substring(0, 8);
		RapportClient api = api(provider);
		create(api, false, client("Nadia", "Okafor", "nadia.okafor-" + batch + "@example.com"),
				client("Noah", "Brandt", "noah@brandt-family-" + batch + ".example"));
		create(api, true, client("Zoe", "Quinn", "zoe.quinn-" + batch + "@example.com"));

		open("/clients");
		waitForHeading("Clients");
		assertThat(listedClients()).containsExactlyInAnyOrder("Nadia Okafor", "Noah Brandt", "Zoe Quinn");
		look("clients");

		fill("Search by name or email", "No");
		submit("Apply");
		assertThat(listedClients()).containsExactly("Noah Brandt");
		look("search-by-name");

		fill("Search by name or email", "brandt-family");
		submit("Apply");
		assertThat(listedClients()).containsExactly("Noah Brandt");

		fill("Search by name or email", "");
		new Select(field("Status")).selectByVisibleText("Invited");
		submit("Apply");
		assertThat(listedClients()).containsExactly("Zoe Quinn");
		look("filter-invited");

		// Export CSV takes the filters along; fetched with the page's own session
		String export = driver.findElement(By.linkText("Export CSV")).getAttribute("href");
		assertThat(export).contains("/clients/export?", "status=INVITED");
		Object file = ((JavascriptExecutor) driver).executeAsyncScript(
				"fetch(arguments[0]).then(r => r.text()).then(arguments[arguments.length - 1])", export);
		assertThat(file).asString().contains("Name,Kind,Status", "Zoe Quinn").doesNotContain("Nadia", "Noah");

		new Select(field("Status")).selectByVisibleText("Owned");
		submit("Apply");
		assertThat(listedClients()).isEmpty();
		waitForText("No client matches these filters.");
		look("no-match");
	}

	@Test
	void moreThanFiftyClientsArePagedWithNextPage() {
		Providers.Provider provider = signedInProvider("Busy Coaching");
		String batch = UUID.randomUUID().toString().substring(0, 8);
		RapportClient api = api(provider);
		create(api, false,
				IntStream.range(0, 50)
					.mapToObj((i) -> client("Client", "Number " + i, "client-" + i + "-" + batch + "@example.com"))
					.toArray(String[]::new));
		create(api, false, client("Client", "Number 50", "client-50-" + batch + "@example.com"));

		open("/clients");
		waitForHeading("Clients");
		assertThat(listedClients()).hasSize(50);
		look("first-page");

		scrollTo("Next page");
		follow("Next page");
		waitForHeading("Clients");
		assertThat(listedClients()).hasSize(1);
		assertThat(pageText()).contains("First page").doesNotContain("Next page");
		look("second-page");
	}

	private static String client(String firstName, String lastName, String email) {
		return "{\"firstName\":\"" + firstName + "\",\"lastName\":\"" + lastName + "\",\"email\":\"" + email + "\"}";
	}

	private static void create(RapportClient api, boolean invite, String... clients) {
		var created = api.api("POST", "/api/v1/clients/individuals",
				"{\"invite\":" + invite + ",\"clients\":[" + String.join(",", clients) + "]}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
	}

}
