package app.rapport.shared.web;

import java.io.IOException;
import java.util.Map;

import app.rapport.shared.ProblemDocument;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * An upload above the request size limit is refused before any controller is chosen, so
 * the controller-specific handlers never see it: answer here, with a problem document for
 * the API and the error page ("file too large") for pages. Nothing is read or stored.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadLimitHandler {

	static final String MESSAGE = "The file is too large: uploads stop at 25 MB, and client imports take files up to 5 MB "
			+ "(10,000 rows). Split the file and import the parts one by one.";

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	@Nullable ModelAndView tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (PlainAnswers.isApi(request)) {
			ProblemDocument.write(response, 413, "Content too large", MESSAGE);
			return null;
		}
		return new ModelAndView("error", Map.of("status", 413, "message", MESSAGE), HttpStatus.CONTENT_TOO_LARGE);
	}

}
