package store

import "context"

// ExecForTest runs a statement as is, so that tests can set up data that
// the store's own methods refuse, such as what older versions stored.
func (s *Store) ExecForTest(ctx context.Context, query string, args ...any) error {
	_, err := s.write.ExecContext(ctx, s.q(query), args...)
	return err
}
