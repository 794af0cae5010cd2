package app.rapport.community;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.rapport.invitation.InvitationPurpose;
import app.rapport.invitation.InvitationWordings;
import app.rapport.organization.Organizations;
import app.rapport.shared.OrganizationId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Community invitations (program members and one-to-one clients) go out in the
 * community's own wording and show its registration page text; other invitations keep
 * Rapport's.
 */
@Component
class CommunityInvitationWordings implements InvitationWordings {

	private final CommunityRepository community;

	private final Organizations organizations;

	CommunityInvitationWordings(CommunityRepository community, Organizations organizations) {
		this.community = community;
		this.organizations = organizations;
	}

	@Override
	public Optional<EmailWording> emailFor(OrganizationId organization, InvitationPurpose purpose,
			@Nullable UUID subjectId) {
		if (!isCommunity(purpose)) {
			return Optional.empty();
		}
		CommunityRepository.WordingFor found = community.wordingFor(organization,
				subjectId == null ? null : new ProgramId(subjectId));
		InvitationWording wording = found.saved() == null ? InvitationWording.defaults()
				: new InvitationWording(found.saved().subject(), found.saved().body());
		String communityName = organizations.name(organization).orElse("");
		String programName = found.programName() == null ? Program.DEFAULT_NAME : found.programName();
		return Optional.of((name, inviterName) -> {
			InvitationWording.Rendered rendered = wording.render(name, inviterName, communityName, programName);
			return new Wording(rendered.subject(), rendered.paragraphs());
		});
	}

	@Override
	public List<String> registrationText(OrganizationId organization, InvitationPurpose purpose) {
		if (!isCommunity(purpose)) {
			return List.of();
		}
		return community.wording(organization)
			.map(saved -> Community.paragraphs(saved.registrationText()))
			.orElse(List.of());
	}

	private static boolean isCommunity(InvitationPurpose purpose) {
		return purpose == InvitationPurpose.PROGRAM_MEMBER || purpose == InvitationPurpose.ONE_TO_ONE_CLIENT;
	}

}
