-- Opt-In Desk on PostgreSQL: the role the front-desk workstations connect as (DESIGN R14, §5).
--
-- Two roles share the studio's database:
--   * the owner role (e.g. optin_owner): owns the tables, runs the program's migrations. Its
--     password stays with whoever looks after the server, never on a desk.
--   * optin_desk, made here: what every workstation connects as. It reads everything and adds
--     rows, updates only the tables the program updates, and deletes only STOP locks (START
--     lifts one) and the search index's entries of a renamed or archived client. It can never UPDATE, DELETE or TRUNCATE a consent event, delete the chain's
--     head, DROP or ALTER a table, or drop or disable a trigger: those need the owner.
--     (Migration 0003's triggers refuse an edit or removal of an event for every role, the
--     owner included; this role cannot remove them.)
--
-- Run it as a superuser, or as the owner role if it may create roles, connected to the
-- studio's database, once the program has created the tables by opening the database as the
-- owner role, and again after every upgrade of the program (a release may add tables):
--
--     optin-desk verify-audit --database-url postgresql://optin_owner:…@server/optin
--     psql -v ON_ERROR_STOP=1 -d optin -f scripts/postgres-desk-role.sql
--     psql -d optin -c '\password optin_desk'
--
-- The desks then use postgresql://optin_desk:PASSWORD@server/optin. Running it again is safe.
-- Plain SQL: psql runs it, and so does any driver (the tests do).

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'optin_desk') THEN
        CREATE ROLE optin_desk LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;
    END IF;
END $$;

-- Start from nothing, so a second run leaves exactly the grants below.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM optin_desk;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM optin_desk;

GRANT USAGE ON SCHEMA public TO optin_desk;

-- Read everything, add rows to everything but the migrations' own table.
GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO optin_desk;
REVOKE INSERT ON schema_version FROM optin_desk;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO optin_desk;

-- Update the rows that hold today's state (switches, locks, sign-in counts, the review queue,
-- settings) and move the chain's head, which its trigger lets go forward only. UPDATE is also
-- what SELECT … FOR UPDATE needs, by which the program orders concurrent writers (R16).
GRANT UPDATE ON staff, client, stop_lock, inbound_message, audit_head, studio_settings TO optin_desk;

-- START lifts a STOP lock.
GRANT DELETE ON stop_lock TO optin_desk;

-- The names' search index beside `client` (migration 0011): its triggers run as the desk that
-- renames, readdresses or archives a client, and take that client's old entries out.
GRANT DELETE ON client_word TO optin_desk;

-- The texting provider (R24): the sync's state and lease move; connecting another account or
-- disconnecting replaces the account's row (its secret is never in the database).
GRANT UPDATE ON provider_sync TO optin_desk;
GRANT UPDATE, DELETE ON provider_account TO optin_desk;

-- Nothing on consent_event beyond SELECT and INSERT: no UPDATE, DELETE, TRUNCATE (R14).
REVOKE UPDATE, DELETE, TRUNCATE ON consent_event FROM optin_desk;
