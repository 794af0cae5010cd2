package app.rapport.invitation;

/** What accepting an invitation makes of the invited person. */
public enum InvitationPurpose {

	INDIVIDUAL_CLIENT("as a client"), COMPANY_POC("as the point of contact of your company"),
	SPONSORED_COACHEE("as a coachee"), ONE_TO_ONE_CLIENT("as a one-to-one client"),
	PROGRAM_MEMBER("as a member of the community"), COLLEAGUE("as a colleague");

	private final String joinAs;

	InvitationPurpose(String joinAs) {
		this.joinAs = joinAs;
	}

	/** Completes "Join Bright Path Coaching …". */
	public String joinAs() {
		return joinAs;
	}

}
