/**
 * A provider's Clients page: client records of individual clients and client companies,
 * kept as internal records (the provider has full control) or invited (the invited person
 * or point of contact takes ownership on acceptance), the client profile with its
 * invitation history, the connection to a client company once its point of contact
 * accepts, and the invited person's own "My coaching" page.
 */
@ApplicationModule(allowedDependencies = { "shared", "account", "organization", "invitation", "notification", "audit" })
@NullMarked
package app.rapport.client;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
