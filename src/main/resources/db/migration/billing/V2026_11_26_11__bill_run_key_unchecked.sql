-- A bill run writes its run's id on every bill it makes, in the transaction that claimed the run's chunk; the key
-- check cost a lookup and a share lock on the one bill_run row for every bill (two workers sharing that lock made
-- multixacts), a third of the bills' COPY.
alter table billing.bill drop constraint bill_run_id_fkey;
