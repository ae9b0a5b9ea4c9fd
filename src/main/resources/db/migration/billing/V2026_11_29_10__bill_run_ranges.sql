-- A bill run's chunks are ranges of account ids, each chunk choosing its accounts on the cycle as it is billed:
-- opening a run no longer reads every agreement and meter to list them (7 s for a million accounts, on one core
-- while the other waited), and the chunks read those rows anyway. Chunks of runs opened before keep their lists.
alter table billing.bill_run_chunk
    alter column account_ids drop not null,
    add column from_account bigint,
    add column to_account   bigint,
    -- How many of the run's accounts the chunk found on the cycle (known once it is billed).
    add column accounts     int,
    add constraint bill_run_chunk_accounts_or_range check (account_ids is not null or (from_account is not null and to_account is not null));

-- The accounts of a run opened by ranges are an estimate until its last chunk is billed.
alter table billing.bill_run add column accounts_estimated boolean not null default false;
