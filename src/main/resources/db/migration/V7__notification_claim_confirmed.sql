-- The embedded default keeps eventId claims in memory; this marks a notification whose claim was
-- confirmed (recorded and published), so that after a restart a repeat of its eventId is known
-- as a duplicate, and one recorded but never published is not.
alter table notification add column claim_confirmed boolean default false not null;
