-- Templates: the hub's own wording of a notification, per locale and channel. Each PUT adds a
-- version; versions are never changed or deleted, so a notification accepted with one renders with
-- it however the template changes later. Retiring a template refuses new notifications only.
create table template (
    template_id    varchar(128) primary key,
    latest_version integer not null,
    retired_at     timestamp with time zone,
    updated_at     timestamp with time zone not null
);

create table template_version (
    template_id    varchar(128) not null references template (template_id),
    version        integer not null,
    category       varchar(64),
    default_locale varchar(35) not null,
    content        text not null,
    -- the params each locale's wording uses, as the compiled templates name them (JSON)
    variables      text not null,
    created_at     timestamp with time zone not null,
    primary key (template_id, version)
);

-- A notification sent with a template has no title or body of its own: the template, its version
-- and the params it was accepted with say what each recipient got.
alter table notification alter column body drop not null;
alter table notification add column template_id varchar(128);
alter table notification add column template_version integer;
alter table notification add column params text;

-- The locale a templated delivery was rendered in.
alter table delivery add column locale varchar(35);
