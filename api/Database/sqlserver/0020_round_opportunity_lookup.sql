-- Opening a round checks whether its opportunities are already in an unpublished round: by opportunity, not by scanning
-- every round's opportunities (which grows with every round the region has ever run).
CREATE INDEX ix_match_round_opportunities_opportunity ON match_round_opportunities (opportunity_id);
