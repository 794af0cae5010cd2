/**
 * The append-only audit log of security-relevant events: sign-in failures, role changes,
 * membership removals, and later invitations and ownership transfers. Each entry names
 * its actor, organization, target and time; the database refuses updates and deletes.
 * Organization admins can read their organization's log.
 */
@ApplicationModule(allowedDependencies = "shared")
@NullMarked
package app.rapport.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
