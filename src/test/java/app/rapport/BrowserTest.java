package app.rapport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person using Rapport through headless Chromium. The application listens on a port
 * chosen before the context starts, so that links in emails ({@code rapport.base-url})
 * point at it; emails go to a GreenMail SMTP server read through {@link #mailbox}. Every
 * page a test looks at with {@link #look(String)} is saved as a desktop and a phone
 * screenshot under {@code target/screenshots} and checked with axe-core.
 * <p>
 * Chromium and its driver come from the operating system ({@code chromium},
 * {@code chromium-driver}); nothing is downloaded at run time.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
public abstract class BrowserTest {

	protected static final Duration TIMEOUT = Duration.ofSeconds(10);

	static final Dimension DESKTOP = new Dimension(1366, 900);

	static final Dimension PHONE = new Dimension(390, 844);

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final Path PROFILES = Path.of("target", "chromium-profiles");

	private static final String CHROMIUM = System.getProperty("rapport.test.chromium", "/usr/bin/chromium");

	private static final String CHROMEDRIVER = System.getProperty("rapport.test.chromedriver", "/usr/bin/chromedriver");

	private static final Set<String> BLOCKING_IMPACTS = Set.of("serious", "critical");

	private static final int PORT = freePort();

	private static final int SMTP_PORT = freePort();

	/** The inbox of everyone the application emails during the browser tests. */
	protected static final Mailbox mailbox = startMailbox();

	protected static WebDriver driver;

	private static WebDriverWait wait;

	private static Path profile;

	private String testName = "test";

	@DynamicPropertySource
	static void serverAndMail(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("rapport.base-url", BrowserTest::baseUrl);
		registry.add("spring.mail.host", () -> "localhost");
		registry.add("spring.mail.port", () -> SMTP_PORT);
	}

	@BeforeAll
	static void startBrowser() throws IOException {
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER);
		Files.createDirectories(PROFILES);
		profile = Files.createTempDirectory(PROFILES, "profile");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-extensions", "--lang=en-GB", "--user-data-dir=" + profile.toAbsolutePath(),
				"--window-size=" + DESKTOP.getWidth() + "," + DESKTOP.getHeight());
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.build();
		driver = new ChromeDriver(service, options);
		wait = new WebDriverWait(driver, TIMEOUT);
	}

	@AfterAll
	static void quitBrowser() throws IOException {
		if (driver != null) {
			driver.quit();
			driver = null;
		}
		if (profile != null) {
			try (var paths = Files.walk(profile)) {
				paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
		}
	}

	@BeforeEach
	void signedOutAtDesktopWidth(TestInfo test) {
		this.testName = test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test");
		driver.manage().window().setSize(DESKTOP);
		open("/");
		driver.manage().deleteAllCookies();
	}

	// --- Navigation
	// ---------------------------------------------------------------------------

	protected static String baseUrl() {
		return "http://localhost:" + PORT;
	}

	/** Opens an application path such as {@code /sign-in}. */
	protected void open(String path) {
		driver.get(path.startsWith("http") ? path : baseUrl() + path);
		waitUntilLoaded();
	}

	/** The application path (with query) of the page shown. */
	protected String currentPath() {
		return driver.getCurrentUrl().substring(baseUrl().length());
	}

	protected String heading() {
		return driver.findElement(By.tagName("h1")).getText();
	}

	protected String pageText() {
		return driver.findElement(By.tagName("body")).getText();
	}

	// --- Forms
	// --------------------------------------------------------------------------------

	/** Types into the field whose visible label is {@code label}, replacing its value. */
	protected void fill(String label, String value) {
		WebElement field = field(label);
		field.clear();
		field.sendKeys(value);
	}

	protected WebElement field(String label) {
		WebElement labelElement = wait.until(ExpectedConditions
			.visibilityOfElementLocated(By.xpath("//label[normalize-space()=" + xpathLiteral(label) + "]")));
		String id = labelElement.getAttribute("for");
		assertThat(id).as("label '%s' names its field", label).isNotBlank();
		return driver.findElement(By.id(id));
	}

	/**
	 * Waits until the document of {@code page} has been replaced by the next one.
	 * Chromium may answer a question about an element of a document that is going away
	 * with "Node with given id does not belong to the document" instead of a
	 * stale-element error: that means the same.
	 */
	protected void waitUntilReplaced(WebElement page) {
		wait.until(browser -> {
			try {
				page.isEnabled();
				return false;
			}
			catch (StaleElementReferenceException gone) {
				return true;
			}
			catch (WebDriverException ex) {
				if (ex.getMessage() != null && ex.getMessage().contains("does not belong to the document")) {
					return true;
				}
				throw ex;
			}
		});
	}

	/** Clicks the visible button saying {@code text} and waits for the next page. */
	protected void submit(String text) {
		WebElement page = driver.findElement(By.tagName("html"));
		button(text).click();
		waitUntilReplaced(page);
		waitUntilLoaded();
	}

	/** Clicks the visible button saying {@code text}, staying on the page. */
	protected void click(String text) {
		button(text).click();
	}

	/**
	 * Clicks the visible button saying {@code text}, accepts the confirmation the page
	 * asks for ({@code data-confirm}) and waits for the next page.
	 */
	protected void submitConfirming(String text) {
		WebElement page = driver.findElement(By.tagName("html"));
		button(text).click();
		wait.until(ExpectedConditions.alertIsPresent()).accept();
		waitUntilReplaced(page);
		waitUntilLoaded();
	}

	/** Follows the visible link saying {@code text}. */
	protected void follow(String text) {
		WebElement page = driver.findElement(By.tagName("html"));
		wait.until(ExpectedConditions.elementToBeClickable(By
			.xpath("//a[normalize-space()=" + xpathLiteral(text) + " or @aria-label=" + xpathLiteral(text) + "]")))
			.click();
		waitUntilReplaced(page);
		waitUntilLoaded();
	}

	/**
	 * The visible button saying {@code text}, scrolled to the middle of the window so no
	 * sticky bar or toast covers it.
	 */
	private WebElement button(String text) {
		WebElement button = wait.until(ExpectedConditions
			.elementToBeClickable(By.xpath("//button[normalize-space()=" + xpathLiteral(text) + "]")));
		((org.openqa.selenium.JavascriptExecutor) driver)
			.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button);
		return button;
	}

	// --- Waiting
	// ------------------------------------------------------------------------------

	/** Waits until the page's main heading says {@code text}. */
	protected void waitForHeading(String text) {
		wait.withMessage(() -> "heading '" + text + "' on " + driver.getCurrentUrl() + "\n" + pageText())
			.until(ExpectedConditions.textToBe(By.tagName("h1"), text));
	}

	/** Waits until the page shows {@code text} somewhere. */
	protected void waitForText(String text) {
		wait.withMessage(() -> "text '" + text + "' on " + driver.getCurrentUrl() + "\n" + pageText())
			.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), text));
	}

	private static void waitUntilLoaded() {
		wait.until((d) -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
	}

	// --- Looking at pages
	// ---------------------------------------------------------------------

	/**
	 * Saves the page at desktop and phone width as
	 * {@code target/screenshots/<test>-<page>-{desktop,phone}.png} and asserts that
	 * axe-core finds nothing serious or critical on it.
	 */
	protected void look(String page) {
		screenshot(page, "desktop", DESKTOP);
		screenshot(page, "phone", PHONE);
		driver.manage().window().setSize(DESKTOP);
		assertAccessible(page);
	}

	private void screenshot(String page, String device, Dimension size) {
		driver.manage().window().setSize(size);
		assertThat(overflowingElements()).as("elements wider than the %s screen on %s", device, page).isEmpty();
		// the whole page, not only the first screen: grow the window by what the viewport
		// lacks
		Number missing = (Number) ((JavascriptExecutor) driver)
			.executeScript("return Math.max(0, Math.ceil(document.documentElement.scrollHeight - window.innerHeight))");
		int height = Math.min(size.getHeight() + missing.intValue(), 8000);
		driver.manage().window().setSize(new Dimension(size.getWidth(), height));
		File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
		try {
			Files.createDirectories(SCREENSHOTS);
			Files.copy(shot.toPath(), SCREENSHOTS.resolve(this.testName + "-" + page + "-" + device + ".png"),
					StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			shot.delete();
		}
	}

	/** Elements that stick out of the viewport sideways and make the page scroll. */
	@SuppressWarnings("unchecked")
	private static List<String> overflowingElements() {
		return (List<String>) ((JavascriptExecutor) driver).executeScript(
				"""
						const width = document.documentElement.clientWidth;
						if (document.documentElement.scrollWidth <= width) { return []; }
						const wide = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > width + 1);
						// a scrolling table may be wider than the screen, unless something in it escapes its scroll box
						const outside = wide.filter(e => !e.closest('.table-responsive'));
						return (outside.length ? outside : wide.filter(e => getComputedStyle(e).position === 'absolute'))
						  .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim().split(/\\s+/).join('.') : ''))
						  .slice(0, 10);""");
	}

	/** Asserts that axe-core finds no serious or critical accessibility violation. */
	protected void assertAccessible(String page) {
		Results results = new AxeBuilder().analyze(driver);
		List<Rule> blocking = results.getViolations()
			.stream()
			.filter((rule) -> BLOCKING_IMPACTS.contains(rule.getImpact()))
			.toList();
		assertThat(blocking)
			.as("serious or critical accessibility violations on %s (%s):%n%s", page, driver.getCurrentUrl(),
					describe(blocking))
			.isEmpty();
	}

	private static String describe(List<Rule> rules) {
		return rules.stream()
			.map((rule) -> "- " + rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " at "
					+ rule.getNodes().stream().map((node) -> String.valueOf(node.getTarget())).toList())
			.collect(Collectors.joining("\n"));
	}

	// --- People
	// -------------------------------------------------------------------------------

	/** Someone about to sign up their coaching business, with an address of their own. */
	protected static Provider newProvider() {
		String id = UUID.randomUUID().toString().substring(0, 8);
		return new Provider("Alex Moreau", "alex-" + id + "@example.com", "correct horse " + id,
				"Moreau Coaching " + id);
	}

	/** Signs the provider up through the sign-up page, ending on "Check your inbox". */
	protected void signUp(Provider provider) {
		open("/sign-up");
		fill("Your name", provider.name());
		fill("Email", provider.email());
		fill("Password", provider.password());
		fill("Name of your coaching business", provider.organization());
		submit("Create my account");
		waitForHeading("Check your inbox");
	}

	/** Submits the sign-in form, wherever it leads. */
	protected void attemptSignIn(String email, String password) {
		if (!currentPath().startsWith("/sign-in")) {
			open("/sign-in");
		}
		fill("Email", email);
		fill("Password", password);
		submit("Sign in");
	}

	/** Signs in and waits for the app start page. */
	protected void signIn(String email, String password) {
		attemptSignIn(email, password);
		wait.withMessage(() -> "the start page after signing in, on " + driver.getCurrentUrl() + "\n" + pageText())
			.until(ExpectedConditions.urlToBe(baseUrl() + "/app"));
	}

	/** Signs out through the user menu. */
	protected void signOut() {
		driver.manage().window().setSize(DESKTOP);
		wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("header .dropdown-toggle"))).click();
		submit("Sign out");
		waitForText("You are signed out.");
	}

	private static String xpathLiteral(String text) {
		if (!text.contains("'")) {
			return "'" + text + "'";
		}
		return "concat('" + text.replace("'", "', \"'\", '") + "')";
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Mailbox startMailbox() {
		Mailbox started = Mailbox.startSmtp(SMTP_PORT);
		Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
		return started;
	}

	/** A coaching business owner as they sign up. */
	protected record Provider(String name, String email, String password, String organization) {

	}

}
