package app.rapport.invitation;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Invitation settings.
 *
 * @param maxPerOrganizationPerHour invitations (sends and resends) one organization may
 * send per hour
 * @param maxPerRecipientPerDay invitations one email address may receive per day, across
 * organizations
 * @param maxAcceptAttemptsPerIpPerMinute invitation link look-ups from one IP address per
 * minute
 * @param reminders delays after the invitation at which reminders go out; empty turns
 * them off
 */
@ConfigurationProperties("rapport.invitations")
public record InvitationProperties(int maxPerOrganizationPerHour, int maxPerRecipientPerDay,
		int maxAcceptAttemptsPerIpPerMinute, List<Duration> reminders) {

	public InvitationProperties {
		maxPerOrganizationPerHour = maxPerOrganizationPerHour <= 0 ? 20_000 : maxPerOrganizationPerHour;
		maxPerRecipientPerDay = maxPerRecipientPerDay <= 0 ? 5 : maxPerRecipientPerDay;
		maxAcceptAttemptsPerIpPerMinute = maxAcceptAttemptsPerIpPerMinute <= 0 ? 30 : maxAcceptAttemptsPerIpPerMinute;
		reminders = reminders == null ? List.of(Duration.ofDays(3), Duration.ofDays(10)) : List.copyOf(reminders);
	}

}
