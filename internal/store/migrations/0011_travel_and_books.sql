-- Geography, part 2: how delegations travel; and what books need.
-- tenants.travel_mode: how the organization's delegations usually move
-- between places ('van', 'car', 'transit' or 'walking'); every
-- organization made before travelled by van.
-- tenants.walk_short_hops: a hop short enough to walk is walked whatever
-- the mode (as before).
-- program_days.travel_mode: how the delegation moves on that day; ''
-- means the organization's usual mode (every day made before).

ALTER TABLE tenants ADD COLUMN travel_mode TEXT NOT NULL DEFAULT 'van';
ALTER TABLE tenants ADD COLUMN walk_short_hops BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE program_days ADD COLUMN travel_mode TEXT NOT NULL DEFAULT '';

-- Books (issue 11): the paper the organization prints on ('letter' or
-- 'a4'; every organization made before: letter), and the numbers its
-- books give visitors: its office phone and an emergency number that
-- answers around the clock ('' until set).
ALTER TABLE tenants ADD COLUMN paper_size TEXT NOT NULL DEFAULT 'letter';
ALTER TABLE tenants ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE tenants ADD COLUMN emergency_phone TEXT NOT NULL DEFAULT '';
