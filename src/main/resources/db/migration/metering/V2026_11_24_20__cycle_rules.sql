-- The rules a cycle's schedule was last generated from (so next year's starts from them), and a note on each
-- schedule row saying why a date moved (a holiday, a weekend, a closure) or who changed it by hand.
alter table metering.billing_cycle add column read_on text check (read_on in ('BUSINESS_DAY', 'DAY_OF_MONTH'));
alter table metering.billing_cycle add column read_day int check (read_day between 1 and 31);
alter table metering.billing_cycle add column window_days int check (window_days between 0 and 10);
alter table metering.billing_cycle add column bill_lag_days int check (bill_lag_days between 0 and 20);
-- Extra days the office is closed (beyond weekends and the six holidays), e.g. the day after Thanksgiving.
alter table metering.billing_cycle add column closures date[] not null default '{}';

alter table metering.cycle_schedule add column note text not null default '';

-- Billing asks which cycles bill between two dates.
create index cycle_schedule_bill_date on metering.cycle_schedule (bill_date);
