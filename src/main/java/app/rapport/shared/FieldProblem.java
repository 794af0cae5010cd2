package app.rapport.shared;

/**
 * Invalid input in one named field, so a page can show the message next to that field.
 */
public class FieldProblem extends Problem {

	private final String field;

	public FieldProblem(String field, String message) {
		super(400, "Invalid input", message);
		this.field = field;
	}

	public String field() {
		return field;
	}

}
