package app.rapport.organization;

/**
 * A coaching business that sells coaching, or a company that buys it for its employees.
 */
public enum OrganizationKind {

	PROVIDER, CLIENT_COMPANY

}
