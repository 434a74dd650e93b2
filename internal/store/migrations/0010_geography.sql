-- Geography, part 1.
-- places.coordinates_source: where a place's coordinates came from —
-- 'geocoder' (looked up from its address), 'map' (a pin put on a map) or
-- 'typed' (typed in or imported, and every place made before).
-- geo_cache: the answers of the geocoder (and, later, the routing engine),
-- kept so that an address is asked once: by service (its kind and
-- address) and key (the normalised query); the answer as JSON, and when it
-- was received, for expiry. Not tenant data: an address says nothing of
-- who looked it up.
-- travel_overrides: the officer's own time for one leg of a program, from
-- one place to another; it wins over the routing engine and the model.

ALTER TABLE places ADD COLUMN coordinates_source TEXT NOT NULL DEFAULT 'typed';

CREATE TABLE geo_cache (
    service TEXT NOT NULL,
    cache_key TEXT NOT NULL,
    value TEXT NOT NULL,
    created_at TSTZ NOT NULL,
    PRIMARY KEY (service, cache_key)
);

CREATE TABLE travel_overrides (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    from_place_id BIGINT NOT NULL REFERENCES places (id) ON DELETE CASCADE,
    to_place_id BIGINT NOT NULL REFERENCES places (id) ON DELETE CASCADE,
    minutes INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (program_id, from_place_id, to_place_id)
);
