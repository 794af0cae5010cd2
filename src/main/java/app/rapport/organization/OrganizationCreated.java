package app.rapport.organization;

import app.rapport.shared.OrganizationId;

/**
 * An organization was created. Published inside the creating transaction, so what other
 * modules set up for it (a coaching business's community with New Members) exists exactly
 * when the organization does.
 */
public record OrganizationCreated(OrganizationId organizationId, OrganizationKind kind) {
}
