/**
 * People and how they prove who they are: accounts (one per email), passwords, email
 * verification, password reset, sign-in with throttling, personal API tokens, and the
 * Spring Security setup that protects every page and API route. Resolves the
 * {@link app.rapport.shared.CurrentUser} of each request through the
 * {@link app.rapport.account.MembershipDirectory} that the organization module provides.
 */
@ApplicationModule(allowedDependencies = { "shared", "notification", "audit" })
@NullMarked
package app.rapport.account;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
