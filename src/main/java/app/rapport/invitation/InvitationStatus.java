package app.rapport.invitation;

public enum InvitationStatus {

	PENDING, ACCEPTED, DECLINED, REVOKED, EXPIRED;

	public String label() {
		return name().charAt(0) + name().substring(1).toLowerCase();
	}

}
