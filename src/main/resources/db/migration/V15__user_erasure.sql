-- Users erased through DELETE /api/v1/users/{userId}, and when. What was accepted for such a user
-- before that moment and is still on a topic (not fanned out yet, queued, waiting for a retry) is
-- dropped unsent by fan-out and the workers, which keep these rows in memory
-- (routes.erasure.ErasedUsers). Kept for notify.retention-days, longer than the hub's topics keep a
-- record (7 days in kustomize/). Small and read whole: no index on erased_at.
create table user_erasure (
    user_id   varchar(128) primary key,
    erased_at timestamp with time zone not null
);
