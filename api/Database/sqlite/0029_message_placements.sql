-- A message about several placements (a supervisor's hours email lists entries of each student they supervise) is
-- shown on each placement's record, with its delivery, as a message about one placement is (messages.placement_id).
CREATE TABLE message_placements (
    message_id   TEXT NOT NULL REFERENCES messages (id),
    placement_id TEXT NOT NULL REFERENCES placements (id),
    PRIMARY KEY (message_id, placement_id)
);
CREATE INDEX ix_message_placements_placement ON message_placements (placement_id);
