package app.rapport.shared;

/**
 * A member's role in an organization. Provider organizations use {@code OWNER},
 * {@code ADMIN} and {@code COACH}; client companies use {@code ADMIN} (the point of
 * contact) and {@code EMPLOYEE}. The rank orders roles so that nobody can grant a role
 * above their own.
 */
public enum OrganizationRole {

	OWNER(3), ADMIN(2), COACH(1), EMPLOYEE(0);

	private final int rank;

	OrganizationRole(int rank) {
		this.rank = rank;
	}

	public boolean isAtLeast(OrganizationRole other) {
		return rank >= other.rank;
	}

	public boolean canAdminister() {
		return isAtLeast(ADMIN);
	}

	public String label() {
		return name().charAt(0) + name().substring(1).toLowerCase();
	}

}
