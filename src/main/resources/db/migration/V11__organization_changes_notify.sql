-- Nodes also remember how an organization presents itself (name, branding, invitation validity) and
-- whether its owner has confirmed their email (AccessCache.shared): every change to an organization
-- now tells them, not only a new name or kind.
drop trigger organization_access_changed on organization;
create trigger organization_access_changed after update or delete on organization
    for each row execute function rapport_access_changed('*');
