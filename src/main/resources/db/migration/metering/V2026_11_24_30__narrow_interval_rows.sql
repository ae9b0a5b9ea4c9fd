-- Each interval day's total, peak and count also kept in a narrow table (about 60 bytes a row against 450 with the
-- values), so a bill run's determinants for many meters read only what they sum. Written with interval_day, always.
create table metering.interval_total (
    meter_id bigint   not null,
    day      date     not null,
    minutes  smallint not null,
    total    bigint   not null,
    peak     int      not null,
    readings smallint not null,
    primary key (meter_id, day)
) partition by range (day);

create or replace function metering.ensure_interval_month(month date) returns void language plpgsql as $$
declare
    first date := date_trunc('month', month)::date;
    suffix text := to_char(first, 'YYYY_MM');
begin
    if to_regclass('metering.interval_day_' || suffix) is null then
        execute format('create table if not exists metering.%I partition of metering.interval_day for values from (%L) to (%L)',
                       'interval_day_' || suffix, first, (first + interval '1 month')::date);
    end if;
    if to_regclass('metering.interval_total_' || suffix) is null then
        execute format('create table if not exists metering.%I partition of metering.interval_total for values from (%L) to (%L)',
                       'interval_total_' || suffix, first, (first + interval '1 month')::date);
    end if;
end $$;

-- Months that already hold intervals get their totals.
do $$
declare m record;
begin
    for m in select distinct date_trunc('month', day)::date as first from metering.interval_day loop
        perform metering.ensure_interval_month(m.first);
    end loop;
end $$;
insert into metering.interval_total (meter_id, day, minutes, total, peak, readings)
select meter_id, day, minutes, total, peak, readings from metering.interval_day;
