-- Geographic areas by street address ranges and grunnkrets codes besides postcodes (issue 17 §2),
-- and the person's grunnkrets (from the population register where it is connected, else as entered).
ALTER TABLE geographic_area
  ADD COLUMN address_ranges jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(address_ranges) = 'array'),
  ADD COLUMN grunnkrets text[] NOT NULL DEFAULT '{}';
-- An area is drawn by at least one of the three.
ALTER TABLE geographic_area DROP CONSTRAINT geographic_area_postal_codes_check;
ALTER TABLE geographic_area ADD CONSTRAINT geographic_area_drawn
  CHECK (cardinality(postal_codes) > 0 OR jsonb_array_length(address_ranges) > 0 OR cardinality(grunnkrets) > 0);

ALTER TABLE person ADD COLUMN grunnkrets text CHECK (grunnkrets IS NULL OR grunnkrets ~ '^[0-9]{8}$');
