-- The usage rollup writes metering_traffic per closed usage period (README "Metering and billing"): a period's
-- rows are replaced whole when the period is written again (a retried or recovered rollup), so they carry the
-- period's start. A 15-minute slot cut by a period boundary has a row in each period; readers sum them.
alter table metering_traffic add column period_start timestamptz;
update metering_traffic set period_start = slot_start;
alter table metering_traffic alter column period_start set not null;
alter table metering_traffic drop constraint metering_traffic_pkey;
alter table metering_traffic add primary key (service_id, period_start, slot_start, bucket, epoch, user_id, action);
