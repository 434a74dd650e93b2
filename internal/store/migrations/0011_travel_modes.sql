-- Geography, part 2: how delegations travel.
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
