package app.rapport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person using Rapport over real HTTP: keeps cookies like a browser, sends the CSRF
 * token of the last page with forms, and can call the JSON API with the session or with a
 * bearer token.
 */
public final class RapportClient {

	private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

	private final String baseUrl;

	private final HttpClient http;

	private final CookieManager cookies;

	private String csrf;

	private String bearer;

	public RapportClient(int port) {
		this("http://localhost:" + port, new CookieManager());
	}

	private RapportClient(String baseUrl, CookieManager cookies) {
		this.baseUrl = baseUrl;
		this.cookies = cookies;
		this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	/** The same browser (same cookies) talking to another application node. */
	public RapportClient onPort(int port) {
		RapportClient other = new RapportClient("http://localhost:" + port, cookies);
		other.csrf = csrf;
		return other;
	}

	public RapportClient withBearer(String token) {
		this.bearer = token;
		return this;
	}

	public HttpResponse<String> get(String path) {
		HttpResponse<String> response = send(request(path).GET().build());
		Matcher matcher = CSRF.matcher(response.body());
		if (matcher.find()) {
			csrf = matcher.group(1);
		}
		return response;
	}

	/**
	 * Posts a form with the CSRF token of the last page fetched (fetching
	 * {@code /sign-in} if none).
	 */
	public HttpResponse<String> post(String path, Map<String, String> form) {
		if (csrf == null) {
			get("/sign-in");
		}
		Map<String, String> fields = new LinkedHashMap<>(form);
		fields.put("_csrf", csrf);
		return postWithoutCsrf(path, fields);
	}

	public HttpResponse<String> postWithoutCsrf(String path, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	/**
	 * Calls the JSON API; with a session (no bearer token) the CSRF header is sent as a
	 * browser would.
	 */
	public HttpResponse<String> api(String method, String path, String json) {
		HttpRequest.Builder builder = request(path).header("Accept", "application/json");
		if (bearer == null && !"GET".equals(method)) {
			if (csrf == null) {
				get("/sign-in");
			}
			builder.header("X-CSRF-TOKEN", csrf);
		}
		if (json != null) {
			builder.header("Content-Type", "application/json");
		}
		builder.method(method,
				json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
		return send(builder.build());
	}

	/** Sends any body with its content type (CSV uploads, for instance). */
	public HttpResponse<String> send(String method, String path, String contentType, String body) {
		HttpRequest.Builder builder = request(path).header("Content-Type", contentType);
		if (bearer == null && !"GET".equals(method)) {
			if (csrf == null) {
				get("/sign-in");
			}
			builder.header("X-CSRF-TOKEN", csrf);
		}
		return send(builder.method(method, HttpRequest.BodyPublishers.ofString(body)).build());
	}

	/** Sends a binary body with its content type (image uploads, for instance). */
	public HttpResponse<String> sendBytes(String method, String path, String contentType, byte[] body) {
		HttpRequest.Builder builder = request(path).header("Content-Type", contentType)
			.header("Accept", "application/json");
		if (bearer == null && !"GET".equals(method)) {
			if (csrf == null) {
				get("/sign-in");
			}
			builder.header("X-CSRF-TOKEN", csrf);
		}
		return send(builder.method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build());
	}

	/**
	 * Posts one file through a page's form as a browser does: multipart, with the CSRF
	 * field.
	 */
	public HttpResponse<String> upload(String path, String field, String fileName, String contentType, byte[] content) {
		if (csrf == null) {
			get("/sign-in");
		}
		String boundary = "----rapport" + java.util.UUID.randomUUID();
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n--"
				+ boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
		byte[] body = new byte[head.length + content.length + tail.length];
		System.arraycopy(head, 0, body, 0, head.length);
		System.arraycopy(content, 0, body, head.length, content.length);
		System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
		return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build());
	}

	public HttpResponse<String> signIn(String email, String password) {
		get("/sign-in");
		HttpResponse<String> response = post("/sign-in", Map.of("email", email, "password", password));
		get("/app");
		return response;
	}

	public String sessionCookie() {
		return cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter(c -> c.getName().equals("RAPPORT_SESSION"))
			.map(java.net.HttpCookie::getValue)
			.findFirst()
			.orElse(null);
	}

	/**
	 * A page as a browser asks for it, accepting HTML: error pages are HTML for a browser
	 * and JSON for other clients.
	 */
	public HttpResponse<String> browse(String path) {
		return send(request(path).header("Accept", "text/html,application/xhtml+xml").GET().build());
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
		if (bearer != null) {
			builder.header("Authorization", "Bearer " + bearer);
		}
		return builder;
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
