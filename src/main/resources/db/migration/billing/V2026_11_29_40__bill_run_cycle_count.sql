-- How many billing cycles there were when the run opened: an account with no meter is on cycle 1 + (id mod that
-- count), and every chunk of the run, billed now or resumed later, must use the same count. Null for runs opened
-- before chunks were ranges (their chunks list their accounts).
alter table billing.bill_run add column cycle_count int;
