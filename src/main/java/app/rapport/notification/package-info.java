/**
 * Telling people things: emails through a transactional outbox (rendered from Thymeleaf
 * templates with the organization's branding, delivered by a background dispatcher with
 * retries, once per email even with several application nodes), the developer mailbox of
 * the default run, and in-app notifications behind the bell.
 */
@ApplicationModule(allowedDependencies = "shared")
@NullMarked
package app.rapport.notification;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
