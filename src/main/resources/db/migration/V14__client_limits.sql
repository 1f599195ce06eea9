-- A client's own limits per second (routes.limit): null follows notify.clients.default-limits,
-- 0 is unlimited.
alter table api_client add column requests_per_second bigint check (requests_per_second >= 0);
alter table api_client add column deliveries_per_second bigint check (deliveries_per_second >= 0);
