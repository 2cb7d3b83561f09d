-- The change of status a progress update records (action_updates.status_from and status_to) is one
-- of an action's statuses, as actions.status is; the database now checks it as it checks that one.
-- Found by the check of src/platform/db/schema.ts against the database (schema.db.test.ts): the
-- schema said so, the database did not. Null is an update that changed no status.

alter table action_updates
  add constraint action_updates_status_from_check
    check (status_from in ('not_started', 'on_track', 'at_risk', 'off_track', 'complete', 'cancelled')),
  add constraint action_updates_status_to_check
    check (status_to in ('not_started', 'on_track', 'at_risk', 'off_track', 'complete', 'cancelled'));
