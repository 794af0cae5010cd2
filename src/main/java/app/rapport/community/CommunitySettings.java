package app.rapport.community;

import org.jspecify.annotations.Nullable;

/**
 * How a community presents itself: its name (the organization's), accent colour, logo,
 * invitation email wording and registration page text.
 *
 * @param logoUrl where the logo is served, or null without a logo
 */
public record CommunitySettings(String name, String brandColor, @Nullable String logoUrl, InvitationWording wording,
		String registrationText) {
}
