package app.rapport.shared;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

/**
 * An RFC 9457 problem document written straight to the response, for the filters and
 * security handlers that answer before Spring MVC could. Titles and details are the
 * application's own constants, written as they are.
 */
public final class ProblemDocument {

	private ProblemDocument() {
	}

	public static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
		response.setStatus(status);
		response.setContentType("application/problem+json");
		response.setCharacterEncoding("UTF-8");
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
					+ detail + "\"}");
	}

}
