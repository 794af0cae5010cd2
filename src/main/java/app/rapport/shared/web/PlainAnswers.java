package app.rapport.shared.web;

import java.io.IOException;

import app.rapport.shared.ProblemDocument;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers written without Spring MVC, by filters that stop a request before it reaches a
 * controller, or when the application cannot render its templates: a problem document for
 * the API, a short page otherwise. Titles and messages are the application's own
 * constants, written as they are.
 */
final class PlainAnswers {

	private PlainAnswers() {
	}

	static boolean isApi(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
	}

	/** A problem document for the API, the short page for a browser. */
	static void unavailable(HttpServletRequest request, HttpServletResponse response, String retryAfterSeconds,
			String pageTitle, String message) throws IOException {
		response.setHeader("Retry-After", retryAfterSeconds);
		if (isApi(request)) {
			ProblemDocument.write(response, 503, "Service unavailable", message);
			return;
		}
		response.setStatus(503);
		response.setContentType("text/html");
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(page(pageTitle, message));
	}

	static String page(String title, String message) {
		return """
				<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1"><title>%s</title>
				<link rel="stylesheet" href="/webjars/bootstrap/dist/css/bootstrap.min.css"></head>
				<body class="bg-light"><main class="container py-5" style="max-width:40rem">
				<h1 class="h3">%s</h1>
				<p>%s</p>
				<a class="btn btn-primary" href="">Try again</a></main></body></html>""".formatted(title, title,
				message);
	}

}
