/**
 * Organizations (tenants) and their members: provider sign-up, renaming, branding,
 * members with their roles, role changes and removals under the rule that an organization
 * always keeps an owner and nobody grants a role above their own. Provides the
 * {@link app.rapport.account.MembershipDirectory} that tells each request which
 * organization it works in.
 */
@ApplicationModule(allowedDependencies = { "shared", "account", "notification", "audit" })
@NullMarked
package app.rapport.organization;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
