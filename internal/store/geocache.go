package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// GeoCache keeps the answers of one geocoding or routing service (named
// by service, such as "nominatim https://nominatim.example.org") in the
// database, so that an address is asked once, by any organization: an
// address says nothing of who looked it up. Answers older than ttl are
// asked again. It is the Cache of package geo.
type GeoCache struct {
	s       *Store
	service string
	ttl     time.Duration
}

// GeoCache returns the cache of a service.
func (s *Store) GeoCache(service string, ttl time.Duration) *GeoCache {
	return &GeoCache{s: s, service: service, ttl: ttl}
}

// Get returns the answer kept for key, unless it is older than the ttl.
func (c *GeoCache) Get(ctx context.Context, key string) ([]byte, bool, error) {
	var value string
	var at time.Time
	err := c.s.view(ctx, func(q querier) error {
		return q.QueryRowContext(ctx, c.s.q(`SELECT value, created_at FROM geo_cache WHERE service = $1 AND cache_key = $2`),
			c.service, key).Scan(&value, dbTime{&at})
	})
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, false, nil
	case err != nil:
		return nil, false, err
	case c.ttl > 0 && c.s.now().Sub(at) > c.ttl:
		return nil, false, nil
	}
	return []byte(value), true, nil
}

// Put keeps an answer, replacing an older one.
func (c *GeoCache) Put(ctx context.Context, key string, value []byte) error {
	return c.s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, c.s.q(`INSERT INTO geo_cache (service, cache_key, value, created_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (service, cache_key) DO UPDATE SET value = excluded.value, created_at = excluded.created_at`),
			c.service, key, string(value), c.s.d.timeArg(c.s.now().UTC()))
		return err
	})
}
