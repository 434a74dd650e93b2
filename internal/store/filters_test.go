package store_test

import (
	"strings"
	"testing"

	"itinera"
	"itinera/internal/store"
)

// Search values with control characters, invalid UTF-8 or line breaks
// are refused as field errors on both databases (PostgreSQL cannot even
// compare text holding NUL); a slug that no tenant can have is not found.
func TestListFiltersRefuseBadText(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		f := mustFixture(t, s, "stl")
		tid := f.tenant.ID
		lists := map[string]func(q, topic string) error{
			"organizations": func(q, topic string) error {
				_, err := s.Organizations(ctx, tid, itinera.DirectoryFilter{Query: q, Topic: topic})
				return err
			},
			"contacts": func(q, topic string) error {
				_, err := s.Contacts(ctx, tid, itinera.DirectoryFilter{Query: q, Topic: topic})
				return err
			},
			"places": func(q, topic string) error {
				_, err := s.Places(ctx, tid, itinera.DirectoryFilter{Query: q, Topic: topic})
				return err
			},
			"households": func(q, topic string) error {
				if topic != "" {
					return &itinera.Error{Code: itinera.EINVALID, Fields: map[string]string{"topic": "no topic filter"}}
				}
				_, err := s.Households(ctx, tid, itinera.HouseholdFilter{Query: q})
				return err
			},
		}
		for name, list := range lists {
			for _, bad := range []string{"\x00", "gate\x00way", "\xff\xfe", "a\nb", "\x1b[2J", strings.Repeat("a", 201)} {
				for _, field := range []string{"q", "topic"} {
					q, topic := bad, ""
					if field == "topic" {
						q, topic = "", bad
					}
					err := list(q, topic)
					if itinera.ErrorCode(err) != itinera.EINVALID || itinera.ErrorFields(err)[field] == "" {
						t.Errorf("%s ?%s=%q: %v, want a field error on %s", name, field, bad, err, field)
					}
				}
			}
			if err := list("Gateway", ""); err != nil {
				t.Errorf("%s: a plain search fails: %v", name, err)
			}
		}
		for _, slug := range []string{"\x00", "stl\x00", "\xff", "STL", ""} {
			if _, err := s.TenantBySlug(ctx, slug); itinera.ErrorCode(err) != itinera.ENOTFOUND {
				t.Errorf("TenantBySlug(%q): %v, want not found", slug, err)
			}
		}
	})
}
