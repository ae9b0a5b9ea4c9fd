-- An entry's source (BILL 123) is looked up through its account's entries (entry_account): every caller knows the
-- account, and this index cost a bill run an index entry for each of its two million ledger entries (0.2 GB of WAL).
drop index if exists ledger.entry_source;
