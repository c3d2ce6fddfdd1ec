-- Many servers, one truth (issue #20, item 2): a running import's phase is kept on its job row beside
-- the rows processed, so the server that did not receive the file shows the same progress as the one that did.
ALTER TABLE import_jobs ADD COLUMN phase text;
