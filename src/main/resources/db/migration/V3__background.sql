-- A background (silent) push wakes the app with its data and shows nothing.
alter table notification add column background boolean default false not null;
