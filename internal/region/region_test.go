package region

import "testing"

// TestOf places countries as people type them, and says when it cannot.
func TestOf(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ country, want string }{
		{"Nigeria", Africa}, {"Côte d'Ivoire", Africa}, {"cote divoire", Africa}, {"The Gambia", Africa},
		{"Democratic Republic of the Congo", Africa}, {"Republic of the Congo", Africa},
		{"Indonesia", EastAsia}, {"Republic of Korea", EastAsia}, {"Viet Nam", EastAsia},
		{"Ukraine", Europe}, {"Türkiye", Europe}, {" united  kingdom ", Europe},
		{"Morocco", NearEast}, {"UAE", NearEast},
		{"India", SouthCentral}, {"Kazakhstan", SouthCentral}, {"Kyrgyz Republic", SouthCentral},
		{"Mexico", Western}, {"Brazil", Western}, {"St. Lucia", Western},
		{"", Unknown}, {"Freedonia", Unknown}, {"United States", Unknown},
	} {
		got, ok := Of(c.country)
		if got != c.want || ok != (c.want != Unknown) {
			t.Errorf("Of(%q) = %q, %v; want %q", c.country, got, ok, c.want)
		}
	}
}

// TestTableHasNoCountryTwice: no name is in two regions.
func TestTableHasNoCountryTwice(t *testing.T) {
	t.Parallel()
	seen := map[string]string{}
	for r, cs := range table {
		for _, c := range cs {
			if o, ok := seen[key(c)]; ok && o != r {
				t.Errorf("%q is in %s and %s", c, o, r)
			}
			seen[key(c)] = r
		}
	}
	if len(seen) < 190 {
		t.Errorf("the table knows %d names", len(seen))
	}
}

// FuzzOf: any text gets a region of the list, the same whatever its case.
func FuzzOf(f *testing.F) {
	for _, s := range []string{"Nigeria", "Côte d'Ivoire", "", "the", "  ", "Ünited Kingdom"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, _ := Of(s)
		found := false
		for _, x := range Regions {
			found = found || x == r
		}
		if !found {
			t.Fatalf("Of(%q) = %q", s, r)
		}
	})
}
