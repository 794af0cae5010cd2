package app.rapport.community;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import app.rapport.invitation.InvitationId;
import app.rapport.shared.AccountId;
import app.rapport.shared.KeysetCursor;
import app.rapport.shared.OrganizationId;
import app.rapport.shared.WritesAtCommit;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CommunityRepository {

	static final String PROGRAM = """
			select p.id, p.name, p.description, p.is_default, p.coaches_invite_directly, p.archived_at, p.created_at,
			       (select coalesce(sum(c.members), 0) from program_member_count c where c.program_id = p.id) as members
			from program p""";

	private final JdbcClient jdbc;

	private final WritesAtCommit writesAtCommit;

	private final JdbcTemplate template;

	CommunityRepository(JdbcClient jdbc, JdbcTemplate template, WritesAtCommit writesAtCommit) {
		this.jdbc = jdbc;
		this.template = template;
		this.writesAtCommit = writesAtCommit;
	}

	record Wording(String subject, String body, String registrationText) {
	}

	Optional<Wording> wording(OrganizationId organization) {
		return Optional.ofNullable(wordingFor(organization, null).saved());
	}

	/**
	 * The saved wording (if any) and the program's name (if it exists) in one query: an
	 * invitation into a program needs both, and each was a round trip of its own.
	 */
	WordingFor wordingFor(OrganizationId organization, @Nullable ProgramId program) {
		return jdbc.sql("""
				select c.organization_id is not null, c.invitation_subject, c.invitation_body, c.registration_text,
				       (select p.name from program p where p.id = ? and p.organization_id = ?)
				from (select 1) one left join community c on c.organization_id = ?""")
			.params(program == null ? null : program.value(), organization.value(), organization.value())
			.query((rs, n) -> new WordingFor(
					rs.getBoolean(1) ? new Wording(rs.getString(2), rs.getString(3), rs.getString(4)) : null,
					rs.getString(5)))
			.single();
	}

	record WordingFor(@Nullable Wording saved, @Nullable String programName) {
	}

	void saveWording(OrganizationId organization, Wording wording) {
		jdbc.sql("""
				insert into community (organization_id, invitation_subject, invitation_body, registration_text)
				values (?, ?, ?, ?)
				on conflict (organization_id) do update set invitation_subject = excluded.invitation_subject,
				  invitation_body = excluded.invitation_body, registration_text = excluded.registration_text,
				  updated_at = now()""")
			.params(organization.value(), wording.subject(), wording.body(), wording.registrationText())
			.update();
	}

	void saveLogo(OrganizationId organization, LogoImage logo) {
		jdbc.sql("""
				insert into community_logo (organization_id, sha256, png, width, height) values (?, ?, ?, ?, ?)
				on conflict (organization_id) do update set sha256 = excluded.sha256, png = excluded.png,
				  width = excluded.width, height = excluded.height, uploaded_at = now()""")
			.params(organization.value(), logo.sha256(), logo.png(), logo.width(), logo.height())
			.update();
	}

	void deleteLogo(OrganizationId organization) {
		jdbc.sql("delete from community_logo where organization_id = ?").param(organization.value()).update();
	}

	Optional<String> logoHash(OrganizationId organization) {
		return jdbc.sql("select sha256 from community_logo where organization_id = ?")
			.param(organization.value())
			.query(String.class)
			.optional();
	}

	/** The logo's PNG when the hash is the current one: an old address finds nothing. */
	Optional<byte[]> logo(UUID organization, String sha256) {
		return jdbc.sql("select png from community_logo where organization_id = ? and sha256 = ?")
			.params(organization, sha256)
			.query((rs, n) -> rs.getBytes(1))
			.optional();
	}

	/**
	 * Creates New Members unless the community has it; two first visits at once create it
	 * once.
	 */
	void ensureDefaultProgram(OrganizationId organization) {
		jdbc.sql("""
				insert into program (id, organization_id, name, description, is_default)
				select ?, ?, ?, ?, true
				where not exists (select 1 from program where organization_id = ? and is_default)
				on conflict do nothing""")
			.params(UUID.randomUUID(), organization.value(), Program.DEFAULT_NAME,
					"Everyone who joins the community starts here.", organization.value())
			.update();
	}

	List<Program> programs(OrganizationId organization) {
		return jdbc.sql(PROGRAM + """
				 where p.organization_id = ?
				order by p.archived_at is not null, p.is_default desc, lower(p.name)""")
			.param(organization.value())
			.query(CommunityRepository::program)
			.list();
	}

	/**
	 * The program; with {@code share} its row stays share-locked to the end of the
	 * transaction, so it cannot be archived while an invitation into it is sent or
	 * accepted.
	 */
	Optional<Program> program(OrganizationId organization, ProgramId id, boolean share) {
		return jdbc.sql(PROGRAM + " where p.id = ? and p.organization_id = ?" + (share ? " for share of p" : ""))
			.params(id.value(), organization.value())
			.query(CommunityRepository::program)
			.optional();
	}

	/** Which of these accounts belong to the program already. */
	Set<AccountId> membersAmong(ProgramId program, Collection<AccountId> accounts) {
		if (accounts.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(
				jdbc.sql("select account_id from program_member where program_id = ? and account_id = any(?)")
					.params(program.value(), accounts.stream().map(AccountId::value).toArray(UUID[]::new))
					.query((rs, n) -> new AccountId(rs.getObject(1, UUID.class)))
					.list());
	}

	boolean nameTaken(OrganizationId organization, String name, @Nullable ProgramId except) {
		return jdbc.sql(
				"select exists (select 1 from program where organization_id = ? and lower(name) = lower(?) and id <> ?)")
			.params(organization.value(), name, except == null ? new UUID(0, 0) : except.value())
			.query(Boolean.class)
			.single();
	}

	/**
	 * Adds the program unless its name is taken, also by a program added at the same
	 * moment.
	 */
	boolean insertProgram(OrganizationId organization, ProgramId id, String name, String description,
			boolean coachesInviteDirectly) {
		return jdbc.sql("""
				insert into program (id, organization_id, name, description, coaches_invite_directly)
				values (?, ?, ?, ?, ?) on conflict do nothing""")
			.params(id.value(), organization.value(), name, description, coachesInviteDirectly)
			.update() == 1;
	}

	/**
	 * Changes the program unless another one has the name, also one renamed meanwhile.
	 */
	boolean updateProgram(OrganizationId organization, ProgramId id, String name, String description,
			boolean coachesInviteDirectly) {
		try {
			jdbc.sql("""
					update program set name = ?, description = ?, coaches_invite_directly = ?
					where id = ? and organization_id = ?""")
				.params(name, description, coachesInviteDirectly, id.value(), organization.value())
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** Archives or restores; the default program is never archived. */
	boolean setArchived(OrganizationId organization, ProgramId id, boolean archived) {
		return jdbc
			.sql("update program set archived_at = " + (archived ? "now()" : "null")
					+ " where id = ? and organization_id = ? and not is_default and (archived_at is null) = ?")
			.params(id.value(), organization.value(), archived)
			.update() == 1;
	}

	/**
	 * The program and a page of its members, newest first, from a keyset cursor, in one
	 * round trip: the two statements travel together. The first page and the following
	 * ones are separate statements, so that a deep page starts in the index at its cursor
	 * whatever plan PostgreSQL caches for the statement. Empty when there is no such
	 * program.
	 */
	Optional<ProgramPage> programAndMembers(OrganizationId organization, ProgramId id, @Nullable KeysetCursor after,
			int limit) {
		List<Object> params = new ArrayList<>(List.of(id.value(), organization.value()));
		params.addAll(membersParams(organization, id, after));
		String sql = PROGRAM + " where p.id = ? and p.organization_id = ?;\n" + membersSql(after, limit);
		return template.execute(sql, (PreparedStatementCallback<Optional<ProgramPage>>) statement -> {
			new ArgumentPreparedStatementSetter(params.toArray()).setValues(statement);
			statement.execute();
			Program program;
			try (ResultSet rows = statement.getResultSet()) {
				program = rows.next() ? program(rows, 0) : null;
			}
			if (!statement.getMoreResults()) {
				throw new IllegalStateException("the members' statement returned no rows");
			}
			List<MemberRow> members = new ArrayList<>(limit);
			try (ResultSet rows = statement.getResultSet()) {
				while (rows.next()) {
					members.add(memberRow(rows, members.size()));
				}
			}
			return program == null ? Optional.empty() : Optional.of(new ProgramPage(program, members));
		});
	}

	// the limit is written into the statement: as a parameter it kept PostgreSQL from
	// reusing a generic plan, and it planned every request anew
	private static String membersSql(@Nullable KeysetCursor after, int limit) {
		return (after == null ? MEMBERS_FIRST : MEMBERS_AFTER).formatted(limit);
	}

	private static List<Object> membersParams(OrganizationId organization, ProgramId program,
			@Nullable KeysetCursor after) {
		return after == null ? List.of(program.value(), organization.value())
				: List.of(program.value(), organization.value(), Timestamp.from(after.at()), after.id());
	}

	private static MemberRow memberRow(ResultSet rs, int row) throws SQLException {
		return new MemberRow(new AccountId(rs.getObject(1, UUID.class)), ProgramRole.valueOf(rs.getString(2)),
				rs.getTimestamp(3).toInstant());
	}

	record ProgramPage(Program program, List<MemberRow> members) {
	}

	static final String MEMBERS_FIRST = """
			select account_id, role, joined_at from program_member where program_id = ? and organization_id = ?
			order by joined_at desc, account_id desc limit %d""";

	static final String MEMBERS_AFTER = """
			select account_id, role, joined_at from program_member where program_id = ? and organization_id = ?
			  and (joined_at, account_id) < (?, ?)
			order by joined_at desc, account_id desc limit %d""";

	record MemberRow(AccountId accountId, ProgramRole role, Instant joinedAt) {
	}

	boolean isMember(ProgramId program, AccountId account) {
		return jdbc.sql("select exists (select 1 from program_member where program_id = ? and account_id = ?)")
			.params(program.value(), account.value())
			.query(Boolean.class)
			.single();
	}

	/** Adds the member; a second acceptance or a repeated event adds nothing. */
	boolean addMember(OrganizationId organization, ProgramId program, AccountId account, ProgramRole role,
			@Nullable AccountId invitedBy) {
		return jdbc.sql("""
				insert into program_member (program_id, organization_id, account_id, role, invited_by)
				values (?, ?, ?, ?, ?) on conflict do nothing""")
			.params(program.value(), organization.value(), account.value(), role.name(),
					invitedBy == null ? null : invitedBy.value())
			.update() == 1;
	}

	boolean removeMember(OrganizationId organization, ProgramId program, AccountId account) {
		return jdbc.sql("delete from program_member where program_id = ? and organization_id = ? and account_id = ?")
			.params(program.value(), organization.value(), account.value())
			.update() == 1;
	}

	int removeAllMembers(OrganizationId organization) {
		return jdbc.sql("delete from program_member where organization_id = ?").param(organization.value()).update();
	}

	void rememberInvitations(OrganizationId organization, ProgramId program, List<InvitationId> invitations,
			List<ProgramRole> roles) {
		List<Object[]> rows = new java.util.ArrayList<>(invitations.size());
		for (int i = 0; i < invitations.size(); i++) {
			rows.add(new Object[] { invitations.get(i).value(), organization.value(), program.value(),
					roles.get(i).name() });
		}
		// nothing reads them before the commit: they go out with the invitations' emails
		// and audit entries, in the same round trip
		writesAtCommit.add(
				"insert into program_invitation (invitation_id, organization_id, program_id, role) values (?, ?, ?, ?)",
				rows);
	}

	/**
	 * The program role an invitation grants, or empty for an invitation of no program.
	 */
	Optional<ProgramRole> invitedRole(InvitationId invitation, ProgramId program) {
		return jdbc.sql("select role from program_invitation where invitation_id = ? and program_id = ?")
			.params(invitation.value(), program.value())
			.query((rs, n) -> ProgramRole.valueOf(rs.getString(1)))
			.optional();
	}

	record MembershipRow(ProgramId program, String name, String description, OrganizationId organization,
			ProgramRole role, Instant joinedAt, boolean archived) {
	}

	/** The programs a person belongs to, across communities, newest first. */
	List<MembershipRow> membershipsOf(AccountId account, @Nullable ProgramId only) {
		return jdbc.sql("""
				select p.id, p.name, p.description, p.organization_id, m.role, m.joined_at, p.archived_at is not null
				from program_member m join program p on p.id = m.program_id
				where m.account_id = ? and (?::uuid is null or p.id = ?::uuid)
				order by m.joined_at desc limit 200""")
			.params(account.value(), only == null ? null : only.value(), only == null ? null : only.value())
			.query((rs, n) -> new MembershipRow(new ProgramId(rs.getObject(1, UUID.class)), rs.getString(2),
					rs.getString(3), new OrganizationId(rs.getObject(4, UUID.class)),
					ProgramRole.valueOf(rs.getString(5)), rs.getTimestamp(6).toInstant(), rs.getBoolean(7)))
			.list();
	}

	private static Program program(ResultSet rs, int row) throws SQLException {
		Timestamp archived = rs.getTimestamp("archived_at");
		return new Program(new ProgramId(rs.getObject("id", UUID.class)), rs.getString("name"),
				rs.getString("description"), rs.getBoolean("is_default"), rs.getBoolean("coaches_invite_directly"),
				archived == null ? null : archived.toInstant(), rs.getTimestamp("created_at").toInstant(),
				rs.getLong("members"));
	}

}
