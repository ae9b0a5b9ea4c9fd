-- The account search index, a read model owned by the search module.
--   account_entry: one row per account with its words (name, business name, service-address words, house numbers,
--                  zip) for exact lookup in a GIN array index, and phone and meter digits for substring lookup.
--   term:          the dictionary of words (all but plain numbers), matched by prefix (as the CSR types) and by trigram
--                  similarity (typos); a typed word becomes a handful of real words before the accounts are touched.
--   email_entry:   e-mail addresses for prefix lookup.
create schema if not exists search;
-- levenshtein() finds typos that trigrams miss in short words (a swapped pair: gacria -> garcia).
create extension if not exists fuzzystrmatch;

create table search.account_entry (
    account_id      bigint primary key,
    account_number  text   not null,
    member_id       bigint not null,
    display_name    text   not null,
    status          text   not null,
    words           text[] not null,
    phones          text   not null,
    meters          text   not null,
    service_address text,
    primary_phone   text
);
create index account_entry_number on search.account_entry (account_number text_pattern_ops);
create index account_entry_member on search.account_entry (member_id);
create index account_entry_words on search.account_entry using gin (words);
create index account_entry_phones on search.account_entry using gin (phones gin_trgm_ops);
create index account_entry_meters on search.account_entry using gin (meters gin_trgm_ops);

create table search.term (
    term      text primary key,
    frequency int  not null default 0 -- accounts holding the word (approximate: counted up, never down); plans the lookup
);
create index term_prefix on search.term (term text_pattern_ops);
create index term_trigram on search.term using gin (term gin_trgm_ops);

create table search.email_entry (
    address    text   not null,
    account_id bigint not null,
    primary key (address, account_id)
);
create index email_entry_prefix on search.email_entry (address text_pattern_ops);
create index email_entry_account on search.email_entry (account_id);

-- Lower case without accents (José = jose), so Spanish names match however they are typed. The Java side
-- (search.Words) normalises queries the same way.
create function search.normalise(value text) returns text language sql immutable parallel safe as $$
    select translate(lower(value), 'áàâäãåéèêëíìîïóòôöõúùûüñçÁÀÂÄÃÅÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÑÇ', 'aaaaaaeeeeiiiiooooouuuuncaaaaaaeeeeiiiiooooouuuunc')
$$;

-- The distinct words of a text: what account_entry.words holds.
create function search.words(value text) returns text[] language sql immutable parallel safe as $$
    select coalesce(array_agg(distinct w), '{}') from regexp_split_to_table(search.normalise(value), '[^a-z0-9]+') w where w <> ''
$$;
