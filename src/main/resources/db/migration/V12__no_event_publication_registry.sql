-- Every cross-module listener runs synchronously inside the publishing transaction, so Spring Modulith's
-- event publication registry stored nothing anyone read (and cost each published event a registry look-up).
-- It is no longer on the class path; its tables go with it.
drop table if exists event_publication;
drop table if exists event_publication_archive;
