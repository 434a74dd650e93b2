-- Distribution (issue 11): files sent with a message, and reminders in the
-- calendars Itinera sends.
-- outbox_attachments: the files of an outbox message, in order (a book's
-- PDF, a program's .ics); they go with the message and are removed with it.
-- tenants.calendar_reminder_minutes: how long before each item the
-- calendars sent to visitors and interpreters remind them (a VALARM); 0,
-- as for every organization made before: no reminder.

CREATE TABLE outbox_attachments (
    outbox_id BIGINT NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    data BYTES NOT NULL,
    PRIMARY KEY (outbox_id, position)
);

ALTER TABLE tenants ADD COLUMN calendar_reminder_minutes INTEGER NOT NULL DEFAULT 0;
