-- One open placement per student and opportunity, held by the database (20 parallel applications make one), and the
-- disclosure log records an API key as the outside party when a key, not a user, read the student's data.

-- Earlier duplicates (made by racing requests before this index existed): the oldest open one stays open.
UPDATE placements SET status = 'withdrawn', decision_reason = 'Withdrawn: a duplicate of an earlier open placement for the same opportunity.'
WHERE status IN ('requested', 'accepted', 'approved', 'agreementPending', 'active')
  AND EXISTS (SELECT 1 FROM placements earlier
              WHERE earlier.student_id = placements.student_id AND earlier.opportunity_id = placements.opportunity_id
                AND earlier.status IN ('requested', 'accepted', 'approved', 'agreementPending', 'active')
                AND earlier.id < placements.id);

CREATE UNIQUE INDEX ux_placements_open ON placements (student_id, opportunity_id)
    WHERE status IN ('requested', 'accepted', 'approved', 'agreementPending', 'active');

ALTER TABLE disclosures ADD disclosed_to_api_key TEXT NULL;
