-- A notification's deliveries are one range of the delivery log's primary key (a delivery id begins
-- with its notification's first 64 bits; routes.delivery.Delivery.idRangeOf), so the embedded
-- default needs no index on notification_id: every delivery fan-out logged wrote one more page of
-- it at commit. (PostgreSQL keeps its index: its partitions are not searched by a delivery_id alone.)
drop index delivery_notification_idx;
