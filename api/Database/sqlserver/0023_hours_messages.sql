-- Hours waiting for approval reach the supervisor by email, batched: at most one message per supervisor per day, with
-- every entry not yet in one. A batch's key is written first (its primary key is the rule, on every node).
ALTER TABLE hours_entries ADD supervisor_notified_at DATETIME2(7) NULL;
GO
CREATE INDEX ix_hours_entries_awaiting_notice ON hours_entries (placement_id) WHERE status = 'submitted' AND supervisor_notified_at IS NULL;

CREATE TABLE message_batches (
    batch_key  NVARCHAR(450) NOT NULL PRIMARY KEY,
    created_at DATETIME2(7)  NOT NULL
);
