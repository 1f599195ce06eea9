-- A notification is found by its id, which follows from its eventId: nothing looks it up by
-- eventId any more, and every notification recorded paid for this index.
drop index notification_event_idx;
