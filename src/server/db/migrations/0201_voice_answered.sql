-- Reporting reads the requests answered in a period as a range of instants (voice figures: the
-- median days to answer, the answered per month); this index serves the range and carries what
-- those read (index-only: no visit to 50.000 rows of the heap). Requests are filed unanswered, so
-- the public flood of submissions does not maintain it.
CREATE INDEX IF NOT EXISTS voice_requests_answered_idx ON voice_requests (answered_at)
  INCLUDE (received_at, enterprise_id, responsible_body_id) WHERE answered_at IS NOT NULL;
