-- Public submissions carry a key the form draws once (issue #20): a POST that a proxy or a phone
-- retries after the server that took it died is stored once and answers the same receipt.
ALTER TABLE voice_requests ADD COLUMN submission_key text;
-- Unique, so the second arrival of one submission fails on this index (on whichever server) and is
-- answered with the first one's receipt; partial, because staff intake and older requests have none.
CREATE UNIQUE INDEX voice_requests_submission_key_idx ON voice_requests (submission_key) WHERE submission_key IS NOT NULL;
-- The retried POST presents the anti-bot challenge its first arrival already spent: accepted again
-- only under the same submission key, so a solved challenge still buys one request.
ALTER TABLE spent_challenges ADD COLUMN submission_key text;
