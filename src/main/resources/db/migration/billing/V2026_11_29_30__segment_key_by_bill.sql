-- A segment is found through its bill, never by its id alone: one index keyed (bill, segment) serves both the key
-- and the lookup, where two (the id, and the bill) cost a bill run an extra index entry for each of its segments.
alter table billing.bill_segment drop constraint bill_segment_pkey;
alter table billing.bill_segment add constraint bill_segment_pkey primary key (bill_id, id);
drop index billing.bill_segment_bill;
