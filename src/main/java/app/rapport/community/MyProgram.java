package app.rapport.community;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A program as one of its members sees it on "My community".
 *
 * @param logoUrl the community's logo, or null
 */
public record MyProgram(ProgramId id, String name, String description, String communityName, @Nullable String logoUrl,
		String brandColor, ProgramRole role, Instant joinedAt, boolean archived) {
}
