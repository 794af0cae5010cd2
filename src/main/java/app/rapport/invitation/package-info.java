/**
 * Invitations: one email to one person for one purpose (individual client, company point
 * of contact, sponsored coachee, one-to-one client, program member, colleague). Owns the
 * token (random, stored hashed, single use, expiring, dead once revoked or resent), the
 * history of each invitation, resend, revoke, reminders, expiry, rate limits, and the
 * acceptance pages (registration for new people, sign-in and confirmation for existing
 * accounts). Publishes {@link app.rapport.invitation.InvitationAccepted} and
 * {@link app.rapport.invitation.InvitationDeclined} so the module that asked for the
 * invitation can act.
 */
@ApplicationModule(allowedDependencies = { "shared", "account", "organization", "notification", "audit" })
@NullMarked
package app.rapport.invitation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
