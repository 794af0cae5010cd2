package app.rapport.community;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Manage users of one program: a page of its members, newest first, and the people
 * invited who have not joined yet.
 *
 * @param next the cursor of the next page of members, or null on the last page
 * @param pending the newest pending invitations into the program (at most
 * {@link Community#PENDING_SHOWN})
 */
public record ProgramPeople(Program program, List<ProgramMember> members, @Nullable String next,
		List<PendingMember> pending) {
}
