-- The account search index: one row per account with every text a CSR may type to find it, kept current by the
-- search module and matched with pg_trgm so typos and partial input still find the account.
create schema if not exists search;

create table search.account_entry (
    account_id      bigint primary key,
    account_number  text   not null,
    member_id       bigint not null,
    display_name    text   not null,
    status          text   not null,
    names           text   not null,
    phones          text   not null,
    emails          text   not null,
    addresses       text   not null,
    meters          text   not null,
    service_address text,
    primary_phone   text
);
create index account_entry_number on search.account_entry (account_number text_pattern_ops);
create index account_entry_member on search.account_entry (member_id);
create index account_entry_names on search.account_entry using gin (names gin_trgm_ops);
create index account_entry_addresses on search.account_entry using gin (addresses gin_trgm_ops);
create index account_entry_phones on search.account_entry using gin (phones gin_trgm_ops);
create index account_entry_emails on search.account_entry using gin (emails gin_trgm_ops);
create index account_entry_meters on search.account_entry using gin (meters gin_trgm_ops);
