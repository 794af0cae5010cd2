package app.rapport.client;

/**
 * {@code INTERNAL}: never invited, the provider has full control. {@code INVITED}: an
 * invitation is pending. {@code OWNED}: the invited person (or the company's point of
 * contact) accepted and owns the record.
 */
public enum ClientStatus {

	INTERNAL("Internal"), INVITED("Invited"), OWNED("Owned");

	private final String label;

	ClientStatus(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

}
