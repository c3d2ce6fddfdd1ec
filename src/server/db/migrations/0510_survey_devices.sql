-- One answer per device and survey (issue #14.7: 12 identical answers from one client were accepted).
-- Only a digest of (survey, device cookie) is kept, in a table of its own with no link to the answer
-- and no time: the answers stay anonymous, and the device cannot be matched to what it answered.
CREATE TABLE care_survey_devices (
  survey_id integer NOT NULL REFERENCES care_surveys(id) ON DELETE CASCADE,
  device_digest text NOT NULL,
  PRIMARY KEY (survey_id, device_digest)
);
