-- A survey answer's day is the day in Vietnam: `current_date` is the database session's day (UTC on
-- our servers), so an answer given at 06:00 in Hải Phòng was dated the day before. The service
-- passes the day from the one clock (src/shared/clock.ts); this default only covers other writers.
ALTER TABLE care_survey_responses ALTER COLUMN submitted_on SET DEFAULT ((now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date);
