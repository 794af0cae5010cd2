/**
 * Neutral building blocks every module may use: typed identifiers,
 * {@link app.rapport.shared.EmailAddress}, secret tokens, the signed-in
 * {@link app.rapport.shared.CurrentUser}, problem-detail error handling and the embedded
 * PostgreSQL used by the default run.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
@NullMarked
package app.rapport.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
