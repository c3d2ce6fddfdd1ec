-- One pending request per citizen ID AND phone: pressing "send" twice still files one, but a stranger
-- who types someone else's citizen ID (with their own phone) is not told that this person has a
-- request waiting. The union sees both requests side by side and decides.
DROP INDEX care_join_requests_one_pending;
CREATE UNIQUE INDEX care_join_requests_one_pending ON care_join_requests (citizen_id, phone) WHERE status = 'pending';
