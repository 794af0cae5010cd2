package app.rapport.community.web;

import java.util.List;

import app.rapport.community.Community;
import app.rapport.community.CommunitySettings;
import app.rapport.community.ProgramRole;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * What the community's forms and API requests carry; business rules are the service's.
 */
final class CommunityForms {

	private CommunityForms() {
	}

	record SettingsForm(@Size(max = 1000) @Nullable String invitationSubject,
			@Size(max = 20000) @Nullable String invitationBody, @Size(max = 5000) @Nullable String registrationText,
			@Size(max = 20) @Nullable String brandColor) {

		static SettingsForm of(CommunitySettings settings) {
			return new SettingsForm(settings.wording().subject(), settings.wording().body(),
					settings.registrationText(), settings.brandColor());
		}

		String subject() {
			return invitationSubject == null ? "" : invitationSubject;
		}

		String body() {
			return invitationBody == null ? "" : invitationBody;
		}

		String registration() {
			return registrationText == null ? "" : registrationText;
		}

		String color() {
			return brandColor == null ? "" : brandColor;
		}

	}

	record ProgramForm(@Size(max = 1000) @Nullable String name, @Size(max = 5000) @Nullable String description,
			@Nullable Boolean coachesInviteDirectly) {

		Community.ProgramDraft draft() {
			return new Community.ProgramDraft(name == null ? "" : name, description,
					Boolean.TRUE.equals(coachesInviteDirectly));
		}

	}

	record InviteForm(@Size(max = 1000) @Nullable String name, @Size(max = 1000) @Nullable String email,
			@Nullable ProgramRole role) {

		Community.Invitee invitee() {
			return new Community.Invitee(name == null ? "" : name, email == null ? "" : email,
					role == null ? ProgramRole.CLIENT : role);
		}

	}

	/** The API's + Invite: one or more people, each with a role. */
	record InvitationsRequest(@NotEmpty @Size(max = Community.MAX_INVITEES) List<@Valid @NotNull Person> people) {

		record Person(@Size(max = 1000) String name, @Size(max = 1000) String email, @NotNull ProgramRole role) {
		}

		List<Community.Invitee> invitees() {
			return people.stream().map(p -> new Community.Invitee(p.name(), p.email(), p.role())).toList();
		}

	}

}
