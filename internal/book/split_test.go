package book_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"itinera"
	"itinera/internal/book"
)

// splitInput is languageInput in English with the delegation apart on
// Tuesday afternoon: Lucía at the meeting with Carmen interpreting,
// Amina and Priya at Soulard Market with Ana; dinner together after.
func splitInput(t *testing.T) book.Input {
	t.Helper()
	in := languageInput(t, "en")
	in.Visitors = append(in.Visitors,
		itinera.Visitor{ID: 51, ProgramID: 1, GivenName: "Amina", FamilyName: "Yusuf", Country: "Kenya", Position: "Shelter director"},
		itinera.Visitor{ID: 52, ProgramID: 1, GivenName: "Priya", FamilyName: "Nair", Country: "India", Position: "Police inspector"})
	in.Interpreters = append(in.Interpreters, itinera.Interpreter{ID: 61, ProgramID: 1, Name: "Ana Beltrán", Languages: []string{"Swahili", "English"}})
	in.Places = append(in.Places, itinera.Place{ID: 4, Name: "Soulard Farmers Market", Kind: itinera.PlaceSite,
		Address: "730 Carroll St, St. Louis, MO 63104", Lat: 38.6108, Lon: -90.2000})
	in.Activities = append(in.Activities,
		itinera.Activity{ID: 41, ProgramID: 1, Title: "Soulard Market", Kind: itinera.ActivityCultural, PlaceID: 4},
		itinera.Activity{ID: 42, ProgramID: 1, Title: "Dinner together", Kind: itinera.ActivityMeal, PlaceID: 1})
	meeting := in.Itinerary.Items[1]
	in.Itinerary.Items[1].VisitorIDs, in.Itinerary.Items[1].InterpreterIDs = []int64{50}, []int64{60}
	in.Itinerary.Items = append(in.Itinerary.Items,
		itinera.ItineraryItem{ActivityID: 41, Title: "Soulard Market", PlaceID: 4, Start: meeting.Start, End: meeting.End,
			TravelMinutes: 10, VisitorIDs: []int64{51, 52}, InterpreterIDs: []int64{61}},
		itinera.ItineraryItem{ActivityID: 42, Title: "Dinner together", PlaceID: 1, Start: meeting.End.Add(3 * time.Hour),
			End: meeting.End.Add(4*time.Hour + 30*time.Minute), TravelMinutes: 15})
	if err := in.Itinerary.Validate(); err != nil {
		t.Fatal(err)
	}
	return in
}

// TestSplitBooks: on a split day a visitor's book holds only what that
// visitor attends, with who goes along; an interpreter's schedule only
// where they interpret, with the visitors they interpret for; the
// delegation's and the driver's books every group, labelled, and when the
// delegation is apart, its map and the driver's legs following each
// group's tour; a resource's brief lists only the visitors and
// interpreter who come. With ITINERA_SCREENSHOTS, Amina's book and Ana's
// schedule on that day are saved at 1280×900 and 390×844.
func TestSplitBooks(t *testing.T) {
	t.Parallel()
	in := splitInput(t)
	titles := func(b book.Book) (out []string) {
		for _, d := range b.Days {
			for _, x := range d.Items {
				out = append(out, x.Title+"|"+x.Group)
			}
		}
		return out
	}
	const (
		lucia  = "Healthcare and human trafficking|Group: Lucía Ramírez Ortega · Interpreter: Carmen Díaz"
		market = "Soulard Market|Group: Amina Yusuf, Priya Nair · Interpreter: Ana Beltrán"
		arch   = "Gateway Arch|"
		dinner = "Dinner together|"
	)
	html := map[string]string{}
	road := map[string]int{}
	for _, c := range []struct {
		name  string
		o     book.Options
		want  []string
		split bool
	}{
		{"delegation", book.Options{Audience: book.Delegation}, []string{arch, lucia, market, dinner}, true},
		{"driver", book.Options{Audience: book.Driver}, []string{arch, lucia, market, dinner}, true},
		{"visitor-lucia", book.Options{Audience: book.Visitor, PersonID: 50}, []string{arch, lucia, dinner}, false},
		{"visitor-amina", book.Options{Audience: book.Visitor, PersonID: 51}, []string{arch, market, dinner}, false},
		{"interpreter-carmen", book.Options{Audience: book.Interpreter, PersonID: 60},
			[]string{arch, "Healthcare and human trafficking|You interpret for: Lucía Ramírez Ortega", dinner}, false},
		{"interpreter-ana", book.Options{Audience: book.Interpreter, PersonID: 61},
			[]string{arch, "Soulard Market|You interpret for: Amina Yusuf, Priya Nair", dinner}, false},
	} {
		b, err := book.Build(in, c.o)
		if err != nil {
			t.Fatal(err)
		}
		if got := titles(b); strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s: items\n%s\nwant\n%s", c.name, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
		}
		split := ""
		for _, d := range b.Days {
			split += d.Split
			road[c.name] += d.Travel
		}
		if c.split != (split == "The delegation splits from 13:00 to 14:30.") {
			t.Errorf("%s: split %q", c.name, split)
		}
		r, err := book.Render(b, book.Links{})
		if err != nil {
			t.Fatal(err)
		}
		html[c.name] = string(r.HTML)
	}
	if h := html["visitor-amina"]; strings.Contains(h, "Healthcare and human trafficking</h3>") || !strings.Contains(h, `<li class="item part">`) ||
		!strings.Contains(h, `<p class="group">Group: Amina Yusuf, Priya Nair · Interpreter: Ana Beltrán</p>`) {
		t.Errorf("Amina's book shows another group's item or not hers")
	}
	// On the road: the groups travel at the same time, so the delegation's
	// day is as long on the road as its most travelled visitor's.
	if d, l, a := road["delegation"], road["visitor-lucia"], road["visitor-amina"]; d != max(l, a) || l == a {
		t.Errorf("on the road: delegation %d min, Lucía %d, Amina %d", d, l, a)
	}
	if h := html["delegation"]; !strings.Contains(h, `<p class="split">The delegation splits from 13:00 to 14:30.</p>`) {
		t.Errorf("the delegation book does not say the delegation splits")
	}

	// The driver's legs and the delegation's map follow each group's tour:
	// both groups leave from the Arch and meet again for dinner.
	drv, err := book.Build(in, book.Options{Audience: book.Driver})
	if err != nil {
		t.Fatal(err)
	}
	tue := drv.Days[1]
	if len(tue.Items) != 4 || tue.Items[2].Title != "Soulard Market" || tue.Items[2].From != "Gateway Arch" {
		t.Errorf("the driver's Tuesday: %+v", tue.Items)
	}
	if m := tue.Map; m == nil || len(m.Routes) != 4 {
		t.Errorf("the split day's map: %+v", m)
	}
	whole, err := book.Build(languageInput(t, "en"), book.Options{Audience: book.Delegation})
	if err != nil {
		t.Fatal(err)
	}
	if m := whole.Days[1].Map; m == nil || len(m.Routes) != 1 {
		t.Errorf("a day together has one route: %+v", m)
	}

	b, err := book.Build(in, book.Options{Audience: book.Resource, PersonID: 30})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Brief.Visitors) != 1 || b.Brief.Visitors[0].Name != "Lucía Ramírez Ortega" || len(b.Brief.Interpreter) != 1 || b.Brief.Interpreter[0].Name != "Carmen Díaz" {
		t.Errorf("the resource's brief lists %+v with %+v", b.Brief.Visitors, b.Brief.Interpreter)
	}

	if dir := os.Getenv("ITINERA_SCREENSHOTS"); dir != "" {
		browser := mustBrowser(t)
		for _, shot := range []struct{ book, file string }{{"visitor-amina", "book-split-visitor"}, {"interpreter-ana", "interpreter-schedule"}, {"delegation", "book-split-delegation"}} {
			file := filepath.Join(t.TempDir(), shot.book+".html")
			if err := os.WriteFile(file, []byte(html[shot.book]), 0o600); err != nil {
				t.Fatal(err)
			}
			for _, size := range []struct {
				suffix string
				w, h   int64
			}{{"", 1280, 900}, {"-phone", 390, 844}} {
				tab, cancel := chromedp.NewContext(browser)
				ctx, cancelT := context.WithTimeout(tab, 30*time.Second)
				err := chromedp.Do(ctx, chromedp.EmulateViewport(size.w, size.h), chromedp.Navigate("file://"+file))
				if err == nil {
					_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("day-2026-11-03").scrollIntoView(), true`))
				}
				var png []byte
				if err == nil {
					png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
				}
				cancelT()
				cancel()
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, shot.file+size.suffix+".png"), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}
