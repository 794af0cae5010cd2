package app.rapport.client;

public enum ClientKind {

	INDIVIDUAL("Individual"), COMPANY("Company");

	private final String label;

	ClientKind(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

}
