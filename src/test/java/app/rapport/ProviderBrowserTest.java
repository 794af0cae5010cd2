package app.rapport;

import java.util.List;

import app.rapport.account.ApiTokens;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * A coaching business working with its clients in the browser: its owner (from the
 * {@link Providers} fixtures, email confirmed) signs in, creates client records and sends
 * invitations that people open from their inbox.
 */
public abstract class ProviderBrowserTest extends BrowserTest {

	@Autowired
	protected Providers providers;

	@Autowired
	private ApiTokens apiTokens;

	/** A new coaching business whose owner is signed in on the start page. */
	protected Providers.Provider signedInProvider(String name) {
		Providers.Provider provider = this.providers.provider(name);
		signIn(provider.ownerEmail(), Providers.PASSWORD);
		return provider;
	}

	/** The provider's own API, to set up many records quickly. */
	protected RapportClient api(Providers.Provider provider) {
		String token = this.apiTokens.create(provider.owner(), provider.id(), "browser test").token();
		return new RapportClient(java.net.URI.create(baseUrl()).getPort()).withBearer(token);
	}

	/** Clients page → Create New → the given item ("Individual Client", …). */
	protected void createNew(String item) {
		open("/clients");
		waitForHeading("Clients");
		click("Create New");
		follow(item);
		waitForHeading(item);
	}

	/**
	 * Scrolls the link or button saying {@code text} into the middle of the window at
	 * once: Bootstrap scrolls smoothly, and a click during the scroll lands elsewhere.
	 */
	protected void scrollTo(String text) {
		WebElement element = new WebDriverWait(driver, TIMEOUT).until(ExpectedConditions
			.presenceOfElementLocated(By.xpath("//*[(self::a or self::button) and normalize-space()='" + text + "']")));
		((JavascriptExecutor) driver)
			.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
	}

	/** Fills row {@code index} (from 0) of Create New → Individual Client. */
	protected void fillClientRow(int index, String firstName, String lastName, String email) {
		type("rows" + index + ".firstName", firstName);
		type("rows" + index + ".lastName", lastName);
		type("rows" + index + ".email", email);
	}

	protected void type(String id, String value) {
		WebElement field = new WebDriverWait(driver, TIMEOUT)
			.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
		field.clear();
		field.sendKeys(value);
	}

	/** The badges next to a client's name on their profile: kind, status, Connected… */
	protected List<String> profileBadges() {
		return driver.findElements(By.cssSelector("main h1 ~ .badge")).stream().map(WebElement::getText).toList();
	}

	/** The status badge of a client's profile. */
	protected String clientStatus() {
		return driver.findElement(By.cssSelector("main h1 ~ .badge:nth-of-type(2)")).getText();
	}

	/** The names in the Clients list, in the order shown. */
	protected List<String> listedClients() {
		return driver.findElements(By.cssSelector("main table tbody tr td:first-child a"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	/** The invitation link of the newest email to the address. */
	protected String invitationLink(String email) {
		return mailbox.awaitLink(email, "/join?token=");
	}

	/** Clicks a button whose form asks for confirmation, and accepts the dialog. */
	protected void submitConfirmed(String text) {
		WebElement page = driver.findElement(By.tagName("html"));
		WebDriverWait wait = new WebDriverWait(driver, TIMEOUT);
		click(text);
		wait.until(ExpectedConditions.alertIsPresent()).accept();
		waitUntilReplaced(page);
		wait.until((d) -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
	}

	/** The id of the client whose profile is shown. */
	protected String shownClientId() {
		String path = currentPath();
		return path.substring("/clients/".length()).replaceAll("[/?].*", "");
	}

}
