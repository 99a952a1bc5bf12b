-- A region's reminders: how many days an agreement may wait for acknowledgements and hours for approval before the
-- people concerned are reminded (once), and how many days before a placement's approval expires the school is warned.
CREATE TABLE message_settings (
    region_id               UNIQUEIDENTIFIER NOT NULL PRIMARY KEY REFERENCES organizations (id),
    agreement_reminder_days INT              NOT NULL,
    hours_reminder_days     INT              NOT NULL,
    expiry_warning_days     INT              NOT NULL,
    version                 INT              NOT NULL,
    updated_at              DATETIME2(7)     NOT NULL
);

ALTER TABLE hours_entries ADD supervisor_reminded_at DATETIME2(7) NULL;
