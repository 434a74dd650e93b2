-- Sub-groups in the itinerary (issue 15, part 3): an item of a split day
-- is attended by some of the visitors, with the interpreters who go with
-- them. visitors and interpreters are JSON lists of ids of the program's
-- visitors and interpreters; an empty visitors list is the whole
-- delegation (every item before this migration), an empty interpreters
-- list on such an item every interpreter of the program.
ALTER TABLE itinerary_items ADD COLUMN visitors TEXT NOT NULL DEFAULT '[]';
ALTER TABLE itinerary_items ADD COLUMN interpreters TEXT NOT NULL DEFAULT '[]';
