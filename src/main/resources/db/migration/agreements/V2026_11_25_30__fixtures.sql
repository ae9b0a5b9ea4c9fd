-- Unmetered fixtures an agreement pays for (security lights): fixture type as the tariff names it, and how many.
create table agreements.agreement_fixture (
    agreement_id bigint  not null references agreements.service_agreement (id),
    fixture      text    not null,
    count        int     not null check (count > 0),
    primary key (agreement_id, fixture)
);
