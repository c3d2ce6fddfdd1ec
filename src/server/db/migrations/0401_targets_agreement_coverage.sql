-- Collective-agreement coverage is computed from the registry's agreements now that they exist
-- (16-CTr/TU: 70% of eligible enterprises by 2023, 80% by 2025); manual entry stays for the rest.
ALTER TABLE targets DROP CONSTRAINT IF EXISTS targets_metric_check;
-- The metrics the service knows how to compute, plus 'manual'.
ALTER TABLE targets ADD CONSTRAINT targets_metric_check CHECK (metric IN ('members_as_of','enterprises20_with_union_pct','enterprises20_with_union',
  'agreement_coverage_pct','new_members_in_year','new_unions_in_year','party_referrals_in_year','party_admissions_in_year',
  'trainings_participants_in_year','manual'));
