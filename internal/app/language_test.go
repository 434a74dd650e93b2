package app_test

import (
	"strings"
	"testing"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/storetest"
)

// TestProgramLanguage, on both databases: a program keeps its language;
// one Itinera does not write is refused, naming the field; old programs
// are in English.
func TestProgramLanguage(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			if f.program.Language != "en" {
				t.Errorf("the demo program is in %q", f.program.Language)
			}
			p := f.program
			p.Language = "FR "
			got, err := f.a.UpdateProgram(ctx, f.c, p)
			must(t, err)
			if got.Language != "fr" {
				t.Errorf("language %q, want fr", got.Language)
			}
			if again, err := s.Program(ctx, f.tenant.ID, p.ID); err != nil || again.Language != "fr" {
				t.Errorf("stored language %q (%v)", again.Language, err)
			}
			got.Language = "de"
			_, err = f.a.UpdateProgram(ctx, f.c, got)
			if msg := itinera.ErrorFields(err)["language"]; !strings.Contains(msg, "en (English), fr (French (français)), es (Spanish (español))") {
				t.Errorf("an unknown language: %v (%q)", err, msg)
			}
		})
	}
}

// TestDistributeInSpanish: a Spanish program's package and release update
// are written in Spanish (subject, text, dates); names and titles stay as
// typed.
func TestDistributeInSpanish(t *testing.T) {
	t.Parallel()
	s := storetest.SQLite(t)
	f := mustRichDemo(t, s)
	a, err := app.New(app.Config{Store: s.Services(), Tx: s, Now: storetest.Now, Hasher: cheap, Printer: mustPrinter(t)})
	must(t, err)
	p := f.program
	p.Language = "es"
	_, err = a.UpdateProgram(ctx, f.c, p)
	must(t, err)

	plan, err := a.PlanDistribution(ctx, f.c, p.ID)
	must(t, err)
	hold := map[string]bool{}
	var to app.Parcel
	for _, pc := range plan.Parcels {
		if pc.Skip == "" && to.PersonID == 0 {
			to = pc
		} else {
			hold[pc.Key()] = true
		}
	}
	if to.Subject != "Su programa: "+p.Title {
		t.Errorf("subject %q", to.Subject)
	}
	_, err = a.Distribute(ctx, f.c, p.ID, app.DistributeOptions{Hold: hold})
	must(t, err)
	m := f.outbox()[0]
	for _, want := range []string{"Estimado/a " + to.Name + ":", "Su programa «" + p.Title + "» en St. Louis, del sábado",
		"Su calendario: suscríbase a esta dirección", "Todas las horas son locales: America/Chicago"} {
		if !strings.Contains(m.TextBody, want) {
			t.Errorf("the package lacks %q:\n%s", want, m.TextBody)
		}
	}
	if strings.Contains(m.TextBody, "Dear") || strings.Contains(m.TextBody, "Saturday") {
		t.Errorf("English in the Spanish package:\n%s", m.TextBody)
	}

	rel, err := a.PlanRelease(ctx, f.c, p.ID)
	must(t, err)
	held := map[string]bool{}
	for _, x := range rel.People {
		if x.Key() != to.Key() {
			held[x.Key()] = true
		}
	}
	_, err = a.Release(ctx, f.c, p.ID, app.ReleaseOptions{Hold: held})
	must(t, err)
	m = f.outbox()[0]
	if m.Subject != "Su programa ha cambiado: "+p.Title || !strings.Contains(m.TextBody, "- Nuevo: ") ||
		!strings.Contains(m.TextBody, "Su programa «"+p.Title+"» ha cambiado.") || !strings.Contains(m.TextBody, " de ") {
		t.Errorf("the release update is not in Spanish: %s\n%s", m.Subject, m.TextBody)
	}
}
