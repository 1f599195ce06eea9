-- The embedded default's retention finds the deliveries past retention through their notifications
-- (routes.retention.DeliveryRetention), so fan-out no longer pays for an index on created_at with
-- every delivery it logs.
drop index delivery_created_idx;
