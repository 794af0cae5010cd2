package app.rapport.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Answers an API request that reaches no handler (an unknown path, a method the path does
 * not take, a body type it does not read) with a problem document, as every other API
 * error. {@link ApiProblemHandler} covers the API's controllers, so it is not asked when
 * no controller was found, and Spring Boot's error page answered these with its own JSON.
 * Pages keep their error pages: for them the exception goes on to Spring's own handling.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ApiRoutingProblems {

	@ExceptionHandler({ NoResourceFoundException.class, HttpRequestMethodNotSupportedException.class,
			HttpMediaTypeNotSupportedException.class })
	ResponseEntity<ProblemDetail> unrouted(Exception ex, HttpServletRequest request) throws Exception {
		if (!request.getRequestURI().startsWith("/api/") || !(ex instanceof ErrorResponse error)) {
			throw ex;
		}
		ProblemDetail problem = error.getBody();
		problem.setInstance(null);
		return ResponseEntity.status(error.getStatusCode()).headers(error.getHeaders()).body(problem);
	}

}
