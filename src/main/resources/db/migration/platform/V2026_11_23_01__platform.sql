-- Platform: staff sign-in, API tokens, the append-only audit trail. pg_trgm serves fuzzy search everywhere.
create extension if not exists pg_trgm;
create schema if not exists platform;

create table platform.staff_user (
    id              bigint generated always as identity primary key,
    username        text        not null unique,
    display_name    text        not null,
    password_hash   text        not null,
    roles           text[]      not null,
    enabled         boolean     not null default true,
    failed_attempts int         not null default 0,
    locked_until    timestamptz,
    created_at      timestamptz not null,
    last_login_at   timestamptz,
    version         int         not null default 0
);

create table platform.api_token (
    id           bigint generated always as identity primary key,
    name         text        not null,
    token_hash   bytea       not null unique,
    token_prefix text        not null,
    roles        text[]      not null,
    created_by   text        not null,
    created_at   timestamptz not null,
    revoked_at   timestamptz,
    last_used_at timestamptz
);

create table platform.audit_event (
    id          bigint generated always as identity primary key,
    occurred_at timestamptz not null,
    actor       text        not null,
    action      text        not null,
    entity_type text        not null,
    entity_id   bigint      not null,
    account_id  bigint,
    before      jsonb,
    after       jsonb
);
create index audit_event_account on platform.audit_event (account_id, id desc) where account_id is not null;
create index audit_event_entity on platform.audit_event (entity_type, entity_id, id desc);

-- The trail is evidence: nothing may change or remove a record once written.
create function platform.audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'platform.audit_event is append-only';
end $$;
create trigger audit_event_no_update before update or delete on platform.audit_event
    for each row execute function platform.audit_event_is_append_only();
create trigger audit_event_no_truncate before truncate on platform.audit_event
    for each statement execute function platform.audit_event_is_append_only();
