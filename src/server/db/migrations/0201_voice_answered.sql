-- Reporting counts the requests answered in each month of a period as a range of instants (voice
-- figures); this index serves those ranges. Requests are filed unanswered, so the public flood of
-- submissions does not maintain it.
CREATE INDEX IF NOT EXISTS voice_requests_answered_idx ON voice_requests (answered_at) WHERE answered_at IS NOT NULL;
