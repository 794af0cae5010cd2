package app.rapport.shared;

/** The signed-in person may not do this here. */
public class AccessDeniedProblem extends Problem {

	public AccessDeniedProblem(String message) {
		super(403, "Forbidden", message);
	}

}
