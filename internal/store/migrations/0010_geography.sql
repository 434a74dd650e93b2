-- Geography, part 1.
-- places.coordinates_source: where a place's coordinates came from —
-- 'geocoder' (looked up from its address), 'map' (a pin put on a map) or
-- 'typed' (typed in or imported, and every place made before).
-- geo_cache: the answers of the geocoder (and, later, the routing engine),
-- kept so that an address is asked once: by service (its kind and
-- address) and key (the normalised query); the answer as JSON, and when it
-- was received, for expiry. Not tenant data: an address says nothing of
-- who looked it up.

ALTER TABLE places ADD COLUMN coordinates_source TEXT NOT NULL DEFAULT 'typed';

CREATE TABLE geo_cache (
    service TEXT NOT NULL,
    cache_key TEXT NOT NULL,
    value TEXT NOT NULL,
    created_at TSTZ NOT NULL,
    PRIMARY KEY (service, cache_key)
);
