package app.rapport.community;

/**
 * What a person does in a program. Clients work through it; coaches and mentors guide its
 * members. A program role grants nothing in the organization itself.
 */
public enum ProgramRole {

	CLIENT, COACH, MENTOR;

	public String label() {
		return name().charAt(0) + name().substring(1).toLowerCase();
	}

}
