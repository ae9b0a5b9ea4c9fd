-- A water meter's size sets its base charge (5/8", 3/4", 1", 2"); electric meters leave it empty.
alter table metering.meter add column size text check (size is null or size ~ '^[0-9/ ]{1,8}$');
update metering.meter set size = '5/8' where service_type = 'WATER' and size is null;
