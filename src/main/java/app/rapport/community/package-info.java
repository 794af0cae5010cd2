/**
 * A provider's community: its branding (logo, accent colour), the wording of its
 * invitation email and registration page, its programs (every community has New Members,
 * the default), and the people in each program with their program role. Owners and admins
 * invite people into a program from Manage community → Users → a program → Manage users →
 * + Invite; someone who joins that way is a community-only member, with no one-to-one
 * connection and no organization role. Members see their programs on "My community".
 */
@ApplicationModule(allowedDependencies = { "shared", "account", "organization", "invitation", "notification", "audit" })
@NullMarked
package app.rapport.community;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
