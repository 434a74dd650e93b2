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

// languageInput is a small program in lang: three days around Tuesday
// 3 November 2026, two meetings and a visit that day, one visitor, one
// interpreter.
func languageInput(t *testing.T, lang string) book.Input {
	t.Helper()
	const zone = "America/Chicago"
	loc, err := itinera.LoadZone(zone)
	if err != nil {
		t.Fatal(err)
	}
	start := itinera.MustDate("2026-11-02")
	at := func(clock string) time.Time {
		c, err := time.ParseInLocation("2006-01-02 15:04", "2026-11-03 "+clock, loc)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	in := book.Input{
		Org: itinera.Settings{Name: "International Institute of St. Louis", MailFromAddress: "programs@iistl.example.org",
			Phone: "+1 314 555 0100", EmergencyPhone: "+1 314 555 0199", PaperSize: itinera.PaperA4},
		Program: itinera.Program{ID: 1, Title: "Combating Trafficking in Persons", ProjectType: "IVLP", City: "St. Louis", TimeZone: zone,
			Language: lang, StartDate: start, EndDate: start.AddDays(2), HotelPlaceID: 1,
			Description: "A regional project for prosecutors and shelter directors.",
			Objectives:  []string{"Victim services", "Prosecution of traffickers"}},
		Now: time.Date(2026, 10, 20, 15, 4, 0, 0, time.UTC),
		Places: []itinera.Place{
			{ID: 1, Name: "Hyatt Regency St. Louis at the Arch", Kind: itinera.PlaceHotel, Address: "315 Chestnut St, St. Louis, MO 63102", Lat: 38.6254, Lon: -90.1878},
			{ID: 2, Name: "Washington University School of Medicine", Kind: itinera.PlaceOffice, Address: "660 S Euclid Ave, St. Louis, MO 63110", Lat: 38.6357, Lon: -90.2646},
			{ID: 3, Name: "Gateway Arch", Kind: itinera.PlaceSite, Address: "11 N 4th St, St. Louis, MO 63102", Lat: 38.6247, Lon: -90.1848},
		},
		Organizations: []itinera.Organization{{ID: 10, Name: "Washington University School of Medicine", Kind: itinera.OrganizationKinds[0],
			Description: "Its Human Trafficking Collaborative Network brings together clinicians, researchers and partners."}},
		Contacts: []itinera.Contact{{ID: 20, OrganizationID: 10, Name: "Dr. Rumi Price", Title: "Associate Professor"}},
		Meetings: []itinera.Meeting{{ID: 30, ProgramID: 1, Title: "Healthcare and human trafficking", HostOrganizationID: 10,
			HostOrganizationName: "Washington University School of Medicine", ContactID: 20, PlaceID: 2,
			Topics: []string{"Victim services", "Healthcare"}, Questions: "How do clinics recognize victims?"}},
		Activities: []itinera.Activity{{ID: 40, ProgramID: 1, Title: "Gateway Arch", Kind: itinera.ActivityCultural, PlaceID: 3}},
		Visitors: []itinera.Visitor{{ID: 50, ProgramID: 1, GivenName: "Lucía", FamilyName: "Ramírez Ortega", Country: "Colombia",
			Position: "Prosecutor", Languages: []string{"Spanish", "English"}}},
		Interpreters: []itinera.Interpreter{{ID: 60, ProgramID: 1, Name: "Carmen Díaz", Languages: []string{"Spanish", "English"}}},
	}
	in.Itinerary = &itinera.Itinerary{ID: 1, ProgramID: 1, Version: 3, Items: []itinera.ItineraryItem{
		{ActivityID: 40, Title: "Gateway Arch", PlaceID: 3, Start: at("09:30"), End: at("11:00"), TravelMinutes: 5},
		{MeetingID: 30, Title: "Healthcare and human trafficking", PlaceID: 2, Start: at("13:00"), End: at("14:30"), TravelMinutes: 20},
	}}
	return in
}

// TestBookLanguage: a French program's delegation book has its headings,
// labels and dates in French ("mardi 3 novembre"), what people typed as
// they typed it; a Spanish one in Spanish; an English one as before. With
// ITINERA_SCREENSHOTS, the French book's first screen is saved as
// book-french.png (1280×900).
func TestBookLanguage(t *testing.T) {
	t.Parallel()
	render := func(lang string) string {
		t.Helper()
		b, err := book.Build(languageInput(t, lang), book.Options{Audience: book.Delegation, Paper: itinera.PaperA4})
		if err != nil {
			t.Fatal(err)
		}
		r, err := book.Render(b, book.Links{})
		if err != nil {
			t.Fatal(err)
		}
		return string(r.HTML)
	}
	for _, c := range []struct {
		lang       string
		want, lack []string
	}{
		{"fr", []string{`<html lang="fr">`, "Livret de la délégation", "mardi 3 novembre 2026", "lundi 2 – mercredi 4 novembre 2026",
			"Bienvenue à St. Louis.", "Le programme en un coup d", "Rencontre", "Visite culturelle", "Vous rencontrez", "Vos questions",
			"Dr. Rumi Price, Associate Professor", "Healthcare and human trafficking", "How do clinics recognize victims?",
			"La délégation", "Urgences", "Établi le 20 octobre 2026", `"Page " counter(page) " sur "`},
			[]string{"Tuesday", "November", "Welcome", "Briefing</h4><dl><dt>Host"}},
		{"es", []string{`<html lang="es">`, "Cuaderno de la delegación", "martes 3 de noviembre de 2026", "Bienvenidos a St. Louis.",
			"Reunión", "Conocerá a", "Healthcare and human trafficking"}, []string{"Tuesday", "November"}},
		{"en", []string{`<html lang="en">`, "Delegation book", "Tuesday 3 November 2026", "Monday 2 – Wednesday 4 November 2026",
			"Welcome to St. Louis.", "The program at a glance", "You meet", `"Page " counter(page) " of "`}, []string{"mardi"}},
	} {
		html := render(c.lang)
		for _, w := range c.want {
			if !strings.Contains(html, w) && !strings.Contains(html, strings.ReplaceAll(w, "'", "&#39;")) {
				t.Errorf("%s: the book lacks %q", c.lang, w)
			}
		}
		for _, l := range c.lack {
			if strings.Contains(html, l) {
				t.Errorf("%s: the book has %q", c.lang, l)
			}
		}
	}
	if dir := os.Getenv("ITINERA_SCREENSHOTS"); dir != "" {
		browser := mustBrowser(t)
		tab, cancel := chromedp.NewContext(browser)
		defer cancel()
		file := filepath.Join(t.TempDir(), "book.html")
		if err := os.WriteFile(file, []byte(render("fr")), 0o600); err != nil {
			t.Fatal(err)
		}
		ctx, cancelT := context.WithTimeout(tab, 30*time.Second)
		defer cancelT()
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate("file://"+file)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("day-2026-11-03").scrollIntoView(), true`)); err != nil {
			t.Fatal(err)
		}
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "book-french.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
