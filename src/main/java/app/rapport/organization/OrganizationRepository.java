package app.rapport.organization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.rapport.account.AccessCache;
import app.rapport.shared.AccountId;
import app.rapport.shared.OrganizationId;
import app.rapport.shared.OrganizationRole;
import app.rapport.shared.TenantScope;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OrganizationRepository {

	private static final String BY_ID = "select * from organization where id = ?";

	private final JdbcClient jdbc;

	private final AccessCache access;

	private final TenantScope tenantScope;

	OrganizationRepository(JdbcClient jdbc, AccessCache access, TenantScope tenantScope) {
		this.jdbc = jdbc;
		this.access = access;
		this.tenantScope = tenantScope;
	}

	void insert(OrganizationId id, OrganizationKind kind, String name) {
		jdbc.sql("insert into organization (id, kind, name) values (?, ?, ?)")
			.params(id.value(), kind.name(), name)
			.update();
	}

	Optional<Organization> find(OrganizationId id) {
		return jdbc.sql(BY_ID).param(id.value()).query(OrganizationRepository::map).optional();
	}

	/** Enters the organization's tenant scope and reads it, in one round trip. */
	Optional<Organization> enterAndFind(OrganizationId id) {
		return tenantScope.enterAndQuery(id, BY_ID, List.of(id.value()), OrganizationRepository::map)
			.stream()
			.findFirst();
	}

	/**
	 * Locks the organization row so that concurrent membership changes run one after the
	 * other.
	 */
	void lock(OrganizationId id) {
		jdbc.sql("select id from organization where id = ? for update").param(id.value()).query(UUID.class).optional();
	}

	/**
	 * Share-locks the organization row, so that closing it waits for this transaction
	 * (and the other way round); false when it is closed or gone.
	 */
	boolean lockIfOpen(OrganizationId id) {
		return jdbc.sql("select closed_at is null from organization where id = ? for share")
			.param(id.value())
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/** Marks the organization closed; false when it was closed already. */
	boolean close(OrganizationId id) {
		int closed = jdbc.sql("update organization set closed_at = now() where id = ? and closed_at is null")
			.param(id.value())
			.update();
		access.organizationChanged();
		return closed == 1;
	}

	/** Ends every membership of the organization, returning how many there were. */
	int deleteMembers(OrganizationId id) {
		int deleted = jdbc.sql("delete from membership where organization_id = ?").param(id.value()).update();
		access.organizationChanged();
		return deleted;
	}

	void updateSettings(OrganizationId id, String name, int invitationValidityDays) {
		jdbc.sql("update organization set name = ?, invitation_validity_days = ? where id = ?")
			.params(name, invitationValidityDays, id.value())
			.update();
		access.organizationChanged();
	}

	void updateBranding(OrganizationId id, String color, @Nullable String logoUrl) {
		jdbc.sql("update organization set brand_color = ?, logo_url = ? where id = ?")
			.params(color, logoUrl, id.value())
			.update();
		access.organizationChanged();
	}

	void insertMember(OrganizationId id, AccountId account, OrganizationRole role) {
		jdbc.sql("insert into membership (organization_id, account_id, role) values (?, ?, ?)")
			.params(id.value(), account.value(), role.name())
			.update();
		access.changed(account);
	}

	Optional<OrganizationRole> roleOf(OrganizationId id, AccountId account) {
		return jdbc.sql("select role from membership where organization_id = ? and account_id = ?")
			.params(id.value(), account.value())
			.query((rs, n) -> OrganizationRole.valueOf(rs.getString(1)))
			.optional();
	}

	long countOwners(OrganizationId id) {
		return jdbc.sql("select count(*) from membership where organization_id = ? and role = 'OWNER'")
			.param(id.value())
			.query(Long.class)
			.single();
	}

	void updateRole(OrganizationId id, AccountId account, OrganizationRole role) {
		jdbc.sql("update membership set role = ? where organization_id = ? and account_id = ?")
			.params(role.name(), id.value(), account.value())
			.update();
		access.changed(account);
	}

	void deleteMember(OrganizationId id, AccountId account) {
		jdbc.sql("delete from membership where organization_id = ? and account_id = ?")
			.params(id.value(), account.value())
			.update();
		access.changed(account);
	}

	List<MemberRow> members(OrganizationId id) {
		return jdbc
			.sql("select account_id, role, created_at from membership where organization_id = ? order by created_at")
			.param(id.value())
			.query((rs, n) -> new MemberRow(new AccountId(rs.getObject("account_id", UUID.class)),
					OrganizationRole.valueOf(rs.getString("role")), rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	/** The organization with the accounts of its owners, in one query. */
	Optional<WithOwners> findWithOwners(OrganizationId id) {
		return jdbc
			.sql("""
					select o.*, array(select m.account_id from membership m where m.organization_id = o.id and m.role = 'OWNER')
					       as owner_ids
					from organization o where o.id = ?""")
			.param(id.value())
			.query((rs, n) -> new WithOwners(map(rs, n),
					Arrays.stream((UUID[]) rs.getArray("owner_ids").getArray()).map(AccountId::new).toList()))
			.optional();
	}

	record WithOwners(Organization organization, List<AccountId> owners) {
	}

	List<MembershipRow> membershipsOf(AccountId account) {
		return jdbc.sql("""
				select o.id, o.name, o.kind, m.role from membership m join organization o on o.id = m.organization_id
				where m.account_id = ? order by m.created_at, o.id""")
			.param(account.value())
			.query((rs, n) -> new MembershipRow(new OrganizationId(rs.getObject("id", UUID.class)),
					rs.getString("name"), OrganizationKind.valueOf(rs.getString("kind")),
					OrganizationRole.valueOf(rs.getString("role"))))
			.list();
	}

	private static Organization map(ResultSet rs, int row) throws SQLException {
		return new Organization(new OrganizationId(rs.getObject("id", UUID.class)),
				OrganizationKind.valueOf(rs.getString("kind")), rs.getString("name"), rs.getString("brand_color"),
				rs.getString("logo_url"), rs.getInt("invitation_validity_days"),
				rs.getTimestamp("created_at").toInstant());
	}

	record MemberRow(AccountId accountId, OrganizationRole role, java.time.Instant since) {
	}

	record MembershipRow(OrganizationId organizationId, String name, OrganizationKind kind, OrganizationRole role) {
	}

}
