/**
 * The application shell: the public home page, the signed-in start page, the navigation
 * the product has (Clients, One-to-One, Manage community, Engagements, Invitations,
 * Settings), error pages and request logs.
 */
@ApplicationModule(allowedDependencies = { "shared" })
@NullMarked
package app.rapport.shell;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
