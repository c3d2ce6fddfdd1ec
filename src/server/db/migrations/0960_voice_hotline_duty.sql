-- Officers on duty for a hotline line (issue 21, item 6): a reported call pops up only on the screens
-- of the officers who took a shift on its line ("Nhận ca trực"); with nobody on duty it falls back to
-- every officer of the line's body, and the call says so. Voice owns this table.

-- A shift is an interval, never overwritten: the call log shows who was on duty when each call came.
-- A shift left open more than 14 hours is stale (someone forgot "Kết thúc ca trực") and counts as
-- nobody on duty; the code reads that bound, the table keeps the row as it was.
CREATE TABLE voice_hotline_duty (
  id serial PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id),
  line text NOT NULL REFERENCES voice_hotline_lines(line) ON UPDATE CASCADE,
  started_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  -- Who ended it: the officer, or an administrator of the body for one who left without ending it.
  ended_by integer REFERENCES users(id),
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
-- At most one open shift per officer: a second "Nhận ca trực" is refused, even on two servers at once.
CREATE UNIQUE INDEX voice_hotline_duty_one_open ON voice_hotline_duty (user_id) WHERE ended_at IS NULL;
-- The webhook finds a line's open shifts; the call log finds the shifts of a line around a call.
CREATE INDEX voice_hotline_duty_line ON voice_hotline_duty (line, started_at);

-- The call came with nobody on duty on its line: it went to every officer of the body.
ALTER TABLE voice_calls ADD COLUMN nobody_on_duty boolean NOT NULL DEFAULT false;
