-- A region's reminders: how many days an agreement may wait for acknowledgements and hours for approval before the
-- people concerned are reminded (once), and how many days before a placement's approval expires the school is warned.
CREATE TABLE message_settings (
    region_id               TEXT    NOT NULL PRIMARY KEY REFERENCES organizations (id),
    agreement_reminder_days INTEGER NOT NULL,
    hours_reminder_days     INTEGER NOT NULL,
    expiry_warning_days     INTEGER NOT NULL,
    version                 INTEGER NOT NULL,
    updated_at              TEXT    NOT NULL
);

ALTER TABLE hours_entries ADD COLUMN supervisor_reminded_at TEXT NULL;
