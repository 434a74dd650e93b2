// Command bigtenant fills a database with one large organization for issue
// 14's measurements: by default 500 programs, 10,000 visitors, 20,000
// meetings, 200,000 outbox messages and 5,000 calendar feeds, with the
// organizations, contacts and places the meetings need, and an
// administrator to sign in as. Everything is created through the store's
// own methods (the rules and SQL the product uses), in transactions of a
// thousand records. Deterministic for a seed.
//
//	go run ./bench/bigtenant -database sqlite:/tmp/big.db -email admin@big.example -password '…'
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"time"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/store"
)

type sizes struct {
	programs, visitors, meetings, outbox, feeds, organizations int
}

func main() {
	if err := run(context.Background(), os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "bigtenant:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bigtenant", flag.ContinueOnError)
	db := fs.String("database", "", "database URL (sqlite:PATH or postgres://…); migrated first")
	slug := fs.String("slug", "big-org", "the organization's slug")
	email := fs.String("email", "admin@big-org.example", "the administrator's e-mail")
	password := fs.String("password", "", "the administrator's password (required)")
	var n sizes
	fs.IntVar(&n.programs, "programs", 500, "programs")
	fs.IntVar(&n.visitors, "visitors", 10000, "visitors, spread over the programs")
	fs.IntVar(&n.meetings, "meetings", 20000, "meetings, spread over the programs")
	fs.IntVar(&n.outbox, "outbox", 200000, "outbox messages")
	fs.IntVar(&n.feeds, "feeds", 5000, "calendar feeds of visitors")
	fs.IntVar(&n.organizations, "organizations", 2000, "organizations of the directory (each with a contact)")
	seed := fs.Uint64("seed", 1, "random seed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *db == "" || *password == "" {
		return fmt.Errorf("-database and -password are required")
	}
	s, err := store.Open(ctx, store.Options{URL: *db})
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		return err
	}
	g := &gen{s: s, rnd: rand.New(rand.NewPCG(*seed, 14)), n: n, start: time.Now()}
	return g.fill(ctx, *slug, *email, *password)
}

type gen struct {
	s     *store.Store
	rnd   *rand.Rand
	n     sizes
	start time.Time
}

func (g *gen) step(what string, count int) {
	fmt.Printf("%-14s %7d  (%.1f s)\n", what, count, time.Since(g.start).Seconds())
}

// batched runs fn for i in [0, n) in transactions of a thousand.
func (g *gen) batched(ctx context.Context, n int, fn func(ctx context.Context, i int) error) error {
	for lo := 0; lo < n; lo += 1000 {
		err := g.s.InTx(ctx, func(ctx context.Context) error {
			for i := lo; i < min(n, lo+1000); i++ {
				if err := fn(ctx, i); err != nil {
					return fmt.Errorf("record %d: %w", i, err)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

var (
	givenNames  = []string{"Amina", "Bilal", "Chen", "Dana", "Emeka", "Farah", "Goran", "Hana", "Ivan", "Jia", "Kofi", "Lena", "Mateo", "Nadia", "Omar", "Priya"}
	familyNames = []string{"Abebe", "Bauer", "Castro", "Diallo", "Eriksen", "Fofana", "García", "Haddad", "Ito", "Jovanović", "Kim", "López", "Mensah", "Novak", "Okafor", "Petrov"}
	countries   = []string{"Kenya", "Brazil", "Vietnam", "Georgia", "Morocco", "Peru", "Indonesia", "Serbia", "Ghana", "Nepal"}
	topics      = []string{"journalism", "rule of law", "public health", "trafficking", "civic tech", "water", "energy", "education"}
	cities      = []string{"St. Louis", "Atlanta", "Denver", "Portland", "Chicago", "Des Moines"}
)

func (g *gen) pick(xs []string) string { return xs[g.rnd.IntN(len(xs))] }

func (g *gen) fill(ctx context.Context, slug, email, password string) error {
	t := itinera.Tenant{Slug: slug, Name: "Big Organization for benchmarks", TimeZone: "America/Chicago"}
	if err := g.s.CreateTenant(ctx, &t); err != nil {
		return fmt.Errorf("tenant: %w", err)
	}
	hash, err := auth.DefaultPasswordHasher().Hash(password)
	if err != nil {
		return err
	}
	u := itinera.User{TenantID: t.ID, Email: email, Name: "Benchmark Administrator", Role: itinera.RoleAdmin}
	if err := g.s.CreateUser(ctx, &u, hash); err != nil {
		return fmt.Errorf("user: %w", err)
	}
	g.step("organization", 1)

	orgs := make([]int64, g.n.organizations)
	contacts := make([]int64, g.n.organizations)
	err = g.batched(ctx, g.n.organizations, func(ctx context.Context, i int) error {
		o := itinera.Organization{TenantID: t.ID, Name: fmt.Sprintf("%s %s Institute %d", g.pick(cities), g.pick(topics), i+1)}
		if err := g.s.CreateOrganization(ctx, &o); err != nil {
			return err
		}
		c := itinera.Contact{TenantID: t.ID, OrganizationID: o.ID, Name: g.pick(givenNames) + " " + g.pick(familyNames),
			Email: fmt.Sprintf("contact%d@org%d.example", i+1, i+1)}
		if err := g.s.CreateContact(ctx, &c); err != nil {
			return err
		}
		orgs[i], contacts[i] = o.ID, c.ID
		return nil
	})
	if err != nil {
		return fmt.Errorf("organizations: %w", err)
	}
	g.step("organizations", g.n.organizations)

	programs := make([]int64, g.n.programs)
	first := itinera.Date{Year: 2024, Month: 1, Day: 8}
	err = g.batched(ctx, g.n.programs, func(ctx context.Context, i int) error {
		start := first.AddDays(7 * (i % 150))
		p := itinera.Program{TenantID: t.ID, Title: fmt.Sprintf("%s program %d", g.pick(topics), i+1), ProjectType: "IVLP",
			City: g.pick(cities), TimeZone: "America/Chicago", StartDate: start, EndDate: start.AddDays(4),
			Status: itinera.ProgramPlanning, Objectives: []string{g.pick(topics)}}
		if err := g.s.CreateProgram(ctx, &p); err != nil {
			return err
		}
		programs[i] = p.ID
		return nil
	})
	if err != nil {
		return fmt.Errorf("programs: %w", err)
	}
	g.step("programs", g.n.programs)

	visitors := make([]int64, g.n.visitors)
	err = g.batched(ctx, g.n.visitors, func(ctx context.Context, i int) error {
		v := itinera.Visitor{TenantID: t.ID, ProgramID: programs[i%len(programs)], GivenName: g.pick(givenNames),
			FamilyName: g.pick(familyNames), Country: g.pick(countries), Email: fmt.Sprintf("visitor%d@mail.example", i+1),
			Languages: []string{"en"}, Interests: []string{g.pick(topics)}, Fictional: true}
		if err := g.s.CreateVisitor(ctx, &v); err != nil {
			return err
		}
		visitors[i] = v.ID
		return nil
	})
	if err != nil {
		return fmt.Errorf("visitors: %w", err)
	}
	g.step("visitors", g.n.visitors)

	err = g.batched(ctx, g.n.meetings, func(ctx context.Context, i int) error {
		o := g.rnd.IntN(len(orgs))
		m := itinera.Meeting{TenantID: t.ID, ProgramID: programs[i%len(programs)], Title: fmt.Sprintf("Meeting %d on %s", i+1, g.pick(topics)),
			HostOrganizationID: orgs[o], ContactID: contacts[o], DurationMinutes: 60 + 30*g.rnd.IntN(3), Priority: 1 + g.rnd.IntN(3),
			Topics: []string{g.pick(topics)}}
		return g.s.CreateMeeting(ctx, &m)
	})
	if err != nil {
		return fmt.Errorf("meetings: %w", err)
	}
	g.step("meetings", g.n.meetings)

	err = g.batched(ctx, g.n.feeds, func(ctx context.Context, i int) error {
		vi := i % len(visitors)
		_, hash, err := auth.NewToken()
		if err != nil {
			return err
		}
		f := itinera.Feed{TenantID: t.ID, ProgramID: programs[vi%len(programs)], Kind: itinera.FeedVisitor, SubjectID: visitors[vi],
			TokenHash: hash}
		return g.s.IssueFeed(ctx, &f)
	})
	if err != nil {
		return fmt.Errorf("feeds: %w", err)
	}
	g.step("feeds", g.n.feeds)

	err = g.batched(ctx, g.n.outbox, func(ctx context.Context, i int) error {
		m := itinera.OutboxMessage{TenantID: t.ID, To: fmt.Sprintf("Contact %d <contact%d@org.example>", i%5000, i%5000),
			Subject: fmt.Sprintf("Meeting request %d", i+1), TextBody: "Would you meet a delegation of visitors?",
			NextAttemptAt: time.Now().AddDate(1, 0, 0)} // not due: nothing sends them
		return g.s.Enqueue(ctx, &m)
	})
	if err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	g.step("outbox", g.n.outbox)
	fmt.Printf("tenant %d (%s), first program %d, administrator %s\n", t.ID, slug, programs[0], email)
	return nil
}
