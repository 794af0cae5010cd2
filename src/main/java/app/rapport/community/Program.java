package app.rapport.community;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A group in a community, such as the default New Members.
 *
 * @param coachesInviteDirectly whether coaches may invite one-to-one clients straight
 * into it (otherwise their connections join New Members)
 * @param members how many people belong to it
 */
public record Program(ProgramId id, String name, String description, boolean isDefault, boolean coachesInviteDirectly,
		@Nullable Instant archivedAt, Instant createdAt, long members) {

	public static final String DEFAULT_NAME = "New Members";

	public static final int MAX_NAME = 80;

	public static final int MAX_DESCRIPTION = 1000;

	public boolean archived() {
		return archivedAt != null;
	}

}
