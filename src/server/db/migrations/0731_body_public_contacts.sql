-- The numbers a worker calls, shown on the public portal as tap-to-call links (issue 18, item 7): each
-- body's 24/7 hotline and its housing-support line, set by the body's administrator, not written into
-- the page. Access owns bodies; numbered after every migration already applied.
ALTER TABLE bodies ADD COLUMN hotline_phone text;
ALTER TABLE bodies ADD COLUMN housing_phone text;
-- Digits with an optional leading +, as stored after normalisation (the form accepts spaces and dots).
ALTER TABLE bodies ADD CONSTRAINT bodies_hotline_phone_digits CHECK (hotline_phone IS NULL OR hotline_phone ~ '^\+?[0-9]{4,15}$');
ALTER TABLE bodies ADD CONSTRAINT bodies_housing_phone_digits CHECK (housing_phone IS NULL OR housing_phone ~ '^\+?[0-9]{4,15}$');
