package app

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"itinera"
	"itinera/internal/projectfile"
)

// Project packages across installations (docs/project-package.md): the
// agency exports a signed stop package that the city, on another
// installation, imports as a program; the city exports its released
// program back as a signed return package, which the agency records
// against the stop. Each organization signs with its own Ed25519 key,
// made on first use, and opens packages only with the partner keys it
// confirmed (TrustKey).

// PublicKey is an organization's public signing key, as it is given to
// partners: never the private half.
type PublicKey struct {
	// PublicKey is one line of base64; PEM the same in PKIX PEM.
	PublicKey string
	PEM       string
	// KeyID is the fingerprint; Fingerprint the same in groups of four,
	// as officers read it to each other.
	KeyID       string
	Fingerprint string
	CreatedAt   time.Time
}

// signingKey returns the organization's private key, making and storing
// it on first use (audited by its fingerprint alone).
func (a *App) signingKey(ctx context.Context, c Caller) (ed25519.PrivateKey, itinera.SigningKey, error) {
	var priv ed25519.PrivateKey
	var k itinera.SigningKey
	err := a.inTx(ctx, func(ctx context.Context) error {
		var err error
		k, err = a.s.Projects.SigningKey(ctx, c.tenant())
		switch itinera.ErrorCode(err) {
		case "":
			priv, err = projectfile.ParsePrivateKey([]byte(k.PrivateKeyPEM))
			return err
		case itinera.ENOTFOUND:
		default:
			return err
		}
		if priv, err = projectfile.GenerateKey(rand.Reader); err != nil {
			return err
		}
		pub := projectfile.PublicKey(priv)
		k = itinera.SigningKey{TenantID: c.tenant(), PrivateKeyPEM: string(projectfile.MarshalPrivateKeyPEM(priv)),
			PublicKey: projectfile.MarshalPublicKey(pub), KeyID: projectfile.KeyID(pub)}
		if err := a.s.Projects.CreateSigningKey(ctx, &k); err != nil {
			return err
		}
		return a.auditAt(ctx, c.actor(), c.tenant(), "signing key", 0, 0, "create", nil,
			map[string]any{"KeyID": k.KeyID})
	})
	return priv, k, err
}

func publicKeyOf(k itinera.SigningKey) PublicKey {
	out := PublicKey{PublicKey: k.PublicKey, KeyID: k.KeyID, Fingerprint: projectfile.FormatKeyID(k.KeyID), CreatedAt: k.CreatedAt}
	if pub, err := projectfile.ParsePublicKey(k.PublicKey); err == nil {
		out.PEM = string(projectfile.MarshalPublicKeyPEM(pub))
	}
	return out
}

// MyPublicKey returns the caller's organization's public key and its
// fingerprint, making the key pair on first use.
func (a *App) MyPublicKey(ctx context.Context, c Caller) (PublicKey, error) {
	if err := mustOrganization(c); err != nil {
		return PublicKey{}, err
	}
	_, k, err := a.signingKey(ctx, c)
	if err != nil {
		return PublicKey{}, err
	}
	return publicKeyOf(k), nil
}

// TrustKey records a partner's public key, whose fingerprint the officer
// confirmed with the partner by another channel, as name's. A key
// already trusted (and not revoked) is a conflict.
func (a *App) TrustKey(ctx context.Context, c Caller, name, key string) (itinera.TrustedKey, error) {
	if err := mustEdit(c); err != nil {
		return itinera.TrustedKey{}, err
	}
	f := itinera.FieldErrors{}
	itinera.CheckLine(f, "name", &name, 200)
	if name == "" {
		f.Add("name", "Enter whose key this is: the partner organization's name.")
	}
	var pub ed25519.PublicKey
	var err error
	if len(key) > 1000 {
		f.Add("public_key", "A public key is at most 1000 characters: paste the key alone, one line of base64 or its PEM.")
	} else if pub, err = projectfile.ParsePublicKey(key); err != nil {
		f.Add("public_key", itinera.ErrorMessage(err))
	}
	if err := f.Err("trusted key"); err != nil {
		return itinera.TrustedKey{}, err
	}
	k := itinera.TrustedKey{TenantID: c.tenant(), Name: name, PublicKey: projectfile.MarshalPublicKey(pub),
		KeyID: projectfile.KeyID(pub), CreatedBy: c.actor().name}
	err = a.inTx(ctx, func(ctx context.Context) error {
		keys, err := a.s.Projects.TrustedKeys(ctx, c.tenant())
		if err != nil {
			return err
		}
		for _, x := range keys {
			if x.Live() && x.KeyID == k.KeyID {
				return itinera.Errorf(itinera.ECONFLICT, "You already trust this key, as %s's.", x.Name)
			}
		}
		if err := a.s.Projects.CreateTrustedKey(ctx, &k); err != nil {
			return err
		}
		return a.auditAt(ctx, c.actor(), c.tenant(), "trusted key", k.ID, 0, "trust", nil,
			map[string]any{"Name": k.Name, "KeyID": k.KeyID})
	})
	return k, err
}

// TrustedKeys lists the caller's organization's trusted keys, revoked
// ones too.
func (a *App) TrustedKeys(ctx context.Context, c Caller) ([]itinera.TrustedKey, error) {
	if err := mustOrganization(c); err != nil {
		return nil, err
	}
	return a.s.Projects.TrustedKeys(ctx, c.tenant())
}

// RevokeTrustedKey stops trusting a key: packages signed with it are
// refused from now on.
func (a *App) RevokeTrustedKey(ctx context.Context, c Caller, id int64) (itinera.TrustedKey, error) {
	if err := mustEdit(c); err != nil {
		return itinera.TrustedKey{}, err
	}
	var k itinera.TrustedKey
	err := a.inTx(ctx, func(ctx context.Context) error {
		if err := a.s.Projects.RevokeTrustedKey(ctx, c.tenant(), id, a.now().UTC(), c.actor().name); err != nil {
			return err
		}
		var err error
		if k, err = a.s.Projects.TrustedKey(ctx, c.tenant(), id); err != nil {
			return err
		}
		return a.auditAt(ctx, c.actor(), c.tenant(), "trusted key", k.ID, 0, "revoke",
			map[string]any{"Name": k.Name, "KeyID": k.KeyID}, map[string]any{"Revoked": true})
	})
	return k, err
}

// trustedKeyFor returns the caller's live trusted key that signed the
// package b, or refuses the package naming the fingerprint to confirm.
func (a *App) trustedKeyFor(ctx context.Context, c Caller, b []byte) (ed25519.PublicKey, projectfile.Header, error) {
	h, err := projectfile.Inspect(b)
	if err != nil {
		return nil, h, err
	}
	keys, err := a.s.Projects.TrustedKeys(ctx, c.tenant())
	if err != nil {
		return nil, h, err
	}
	for _, k := range keys {
		if k.Live() && k.KeyID == h.KeyID {
			pub, err := projectfile.ParsePublicKey(k.PublicKey)
			return pub, h, err
		}
	}
	who := "its sender"
	if h.Organization != "" {
		who = "“" + h.Organization + "”"
	}
	return nil, h, itinera.Errorf(itinera.EINVALID, "This package is signed with a key your organization does not trust: %s "+
		"(it says it is from %s, which a signature does not prove). Call the sender on a number you already know, compare this "+
		"fingerprint four digits at a time, and trust the key only if every group matches; then import the package again.",
		projectfile.FormatKeyID(h.KeyID), who)
}

// routeNumbers numbers a project's stops as the route does: declined
// stops aside, by start date, from 1.
func routeNumbers(stops []itinera.ProjectStop) []itinera.ProjectStop {
	out := slices.DeleteFunc(slices.Clone(stops), func(s itinera.ProjectStop) bool { return s.Status == itinera.StopDeclined })
	slices.SortStableFunc(out, func(x, y itinera.ProjectStop) int {
		if c := x.StartDate.Compare(y.StartDate); c != 0 {
			return c
		}
		return int(x.ID - y.ID)
	})
	return out
}

func packageStop(s itinera.ProjectStop, n int) projectfile.Stop {
	return projectfile.Stop{Number: n, City: s.City, TimeZone: s.TimeZone, StartDate: s.StartDate.String(),
		EndDate: s.EndDate.String(), Organization: s.OrganizationName}
}

// ExportStopPackage makes the signed stop package of one of the caller's
// (an agency's) project's stops (projectID 0: the stop's project): the project, the stop, the route with its
// travel, and a program to import with the roster as the project shares
// it (withdrawn people left out). Audited in the agency's log.
func (a *App) ExportStopPackage(ctx context.Context, c Caller, projectID, stopID int64) ([]byte, error) {
	if err := mustEdit(c); err != nil {
		return nil, err
	}
	var out []byte
	err := a.inTx(ctx, func(ctx context.Context) error {
		if projectID == 0 { // the stop's project
			_, s, err := a.accessStop(ctx, c, stopID)
			if err != nil {
				return err
			}
			projectID = s.ProjectID
		}
		pa, err := a.accessProject(ctx, c, projectID)
		if err != nil {
			return err
		}
		if err := pa.mustAgency(); err != nil {
			return err
		}
		agency, err := a.s.Accounts.Tenant(ctx, c.tenant())
		if err != nil {
			return err
		}
		route := routeNumbers(pa.stops)
		in := projectfile.StopInput{Issuer: agency.Name, IssuedAt: a.now().UTC().Truncate(time.Second),
			Project: projectfile.Project{ID: strconv.FormatInt(pa.project.ID, 10), Title: pa.project.Title, Theme: pa.project.Theme,
				Objectives: slices.Clone(pa.project.Objectives)},
			Route: projectfile.Route{Stops: []projectfile.Stop{}, Travel: []projectfile.Leg{}}, Shared: sharedFields(pa.project),
			VisitorRefs: map[int64]string{}, InterpreterRefs: map[int64]string{}, Escorts: map[int64]bool{}}
		if in.Project.Objectives == nil {
			in.Project.Objectives = []string{}
		}
		found := false
		for i, s := range route {
			ps := packageStop(s, i+1)
			in.Route.Stops = append(in.Route.Stops, ps)
			if !s.DepartsAt.IsZero() && !s.ArrivesAt.IsZero() {
				mode := projectfile.ModeFlight
				if s.ArrivalMode == itinera.TravelGround {
					mode = projectfile.ModeGround
				}
				in.Route.Travel = append(in.Route.Travel, projectfile.Leg{FromStop: i, ToStop: i + 1, Mode: mode,
					Departs: s.DepartsAt.UTC(), Arrives: s.ArrivesAt.UTC(), Note: s.ArrivalRef})
			}
			if s.ID == stopID {
				in.Stop, found = ps, true
				in.Program = itinera.Program{ID: 1, Title: pa.project.Title, ProjectType: agency.Name, Description: pa.project.Theme,
					Objectives: slices.Clone(pa.project.Objectives), City: s.City, TimeZone: s.TimeZone, StartDate: s.StartDate,
					EndDate: s.EndDate, Status: itinera.ProgramPlanning}
			}
		}
		if !found {
			return stopNotFound()
		}
		roster, err := a.s.Projects.Roster(ctx, projectID)
		if err != nil {
			return err
		}
		for _, m := range roster {
			if m.Withdrawn {
				continue
			}
			ref := fmt.Sprintf("R-%d", m.ID)
			switch m.Role {
			case itinera.RosterVisitor:
				in.Visitors = append(in.Visitors, itinera.Visitor{ID: m.ID, ProgramID: 1, GivenName: m.GivenName, FamilyName: m.FamilyName,
					Country: m.Country, Position: m.Position, Organization: m.Organization, Email: m.Email, Languages: m.Languages,
					Diets: m.Diets, Allergies: m.Allergies, AccessNeeds: m.AccessNeeds, Fictional: m.Fictional})
				in.VisitorRefs[m.ID] = ref
			default:
				in.Interpreters = append(in.Interpreters, itinera.Interpreter{ID: m.ID, ProgramID: 1, Name: m.Name(), Email: m.Email,
					Phone: m.Phone, Languages: m.Languages})
				in.InterpreterRefs[m.ID] = ref
				in.Escorts[m.ID] = m.Role == itinera.RosterEscort
			}
		}
		p, err := projectfile.NewStop(in)
		if err != nil {
			return err
		}
		var keyID string
		if out, keyID, err = a.sign(ctx, c, p); err != nil {
			return err
		}
		return a.auditAt(ctx, c.actor(), c.tenant(), "project stop", stopID, 0, "export stop package", nil,
			map[string]any{"Project": pa.project.Title, "City": in.Stop.City, "KeyID": keyID})
	})
	return out, err
}

// sharedFields is the project's share in the package's terms: the
// visitors' name and country, and the interpreters' name, always.
func sharedFields(p itinera.Project) projectfile.SharedFields {
	out := projectfile.SharedFields{Visitors: []string{"given_name", "family_name", "country"}, Interpreters: []string{"name"}}
	for _, f := range []string{"position", "organization", "email", "languages", "diets", "allergies", "access_needs"} {
		if p.Shares(f) {
			out.Visitors = append(out.Visitors, f)
		}
	}
	out.Visitors = append(out.Visitors, "fictional")
	for _, f := range []string{"email", "phone", "languages"} {
		if p.Shares(f) {
			out.Interpreters = append(out.Interpreters, f)
		}
	}
	return out
}

// ImportedStop is what importing a stop package made.
type ImportedStop struct {
	ImportedProgram
	Package itinera.ImportedPackage
	Project projectfile.Project
	Stop    projectfile.Stop
}

// openPackage finds the trusted key, opens b as kind, and refuses a
// package imported already or older than one imported for the same stop.
func (a *App) openPackage(ctx context.Context, c Caller, b []byte, kind projectfile.Kind) (projectfile.Opened, []byte, error) {
	key, _, err := a.trustedKeyFor(ctx, c, b)
	if err != nil {
		return projectfile.Opened{}, nil, err
	}
	op, err := projectfile.Open(b, projectfile.Expect{Kind: kind, Key: key, Now: a.now()})
	if err != nil {
		return op, nil, err
	}
	payload, err := projectfile.Verify(b, key)
	if err != nil {
		return op, nil, err
	}
	done, err := a.s.Projects.ImportedPackages(ctx, c.tenant())
	if err != nil {
		return op, nil, err
	}
	for _, x := range done {
		if x.Digest == op.Digest {
			return op, nil, itinera.Errorf(itinera.ECONFLICT, "This package was imported already, on %s.",
				x.ImportedAt.UTC().Format("2006-01-02 15:04 MST"))
		}
		if string(x.Kind) != string(kind) || x.KeyID != op.KeyID {
			continue
		}
		var prev projectfile.Package
		if json.Unmarshal(x.Payload, &prev) == nil && prev.Project.ID == op.Package.Project.ID &&
			prev.Stop.Number == op.Package.Stop.Number && !prev.IssuedAt.Before(op.Package.IssuedAt) {
			return op, nil, itinera.Errorf(itinera.ECONFLICT, "A newer package of this stop (made %s) was imported already; this one is older.",
				prev.IssuedAt.UTC().Format("2006-01-02 15:04 MST"))
		}
	}
	return op, payload, nil
}

// ImportStopPackage opens a stop package with the sender's trusted key
// and imports its program into the caller's organization (ImportProgram),
// in one transaction, remembering the package's digest so that it is
// never imported twice.
func (a *App) ImportStopPackage(ctx context.Context, c Caller, b []byte) (ImportedStop, error) {
	if err := mustEdit(c); err != nil {
		return ImportedStop{}, err
	}
	var out ImportedStop
	err := a.inTx(ctx, func(ctx context.Context) error {
		op, payload, err := a.openPackage(ctx, c, b, projectfile.KindStop)
		if err != nil {
			return err
		}
		if out.ImportedProgram, err = a.ImportProgram(ctx, c, op.Package.Program); err != nil {
			return err
		}
		out.Project, out.Stop = op.Package.Project, op.Package.Stop
		out.Package = itinera.ImportedPackage{TenantID: c.tenant(), Kind: itinera.PackageStop, Digest: op.Digest, KeyID: op.KeyID,
			Issuer: op.Package.Issuer.Organization, IssuedAt: op.Package.IssuedAt, ImportedBy: c.actor().name,
			ProgramID: out.Program.ID, Payload: payload}
		if err := a.s.Projects.CreateImportedPackage(ctx, &out.Package); err != nil {
			return err
		}
		return a.auditAt(ctx, c.actor(), c.tenant(), "project package", out.Package.ID, out.Program.ID, "import stop package", nil,
			map[string]any{"Issuer": out.Package.Issuer, "KeyID": op.KeyID, "Digest": op.Digest, "Project": op.Package.Project.Title,
				"City": op.Package.Stop.City})
	})
	return out, err
}

// ExportReturnPackage makes the signed return package of a program the
// caller's organization imported from a stop package: its latest
// release, the program without what stays with the city, the answered
// feedback and the collaborations.
func (a *App) ExportReturnPackage(ctx context.Context, c Caller, programID int64) ([]byte, error) {
	if err := mustEdit(c); err != nil {
		return nil, err
	}
	var out []byte
	err := a.inTx(ctx, func(ctx context.Context) error {
		t, err := a.s.Accounts.Tenant(ctx, c.tenant())
		if err != nil {
			return err
		}
		if _, err := a.s.Programs.Program(ctx, c.tenant(), programID); err != nil {
			return err
		}
		done, err := a.s.Projects.ImportedPackages(ctx, c.tenant())
		if err != nil {
			return err
		}
		var stop *projectfile.Package
		for _, x := range done {
			if x.Kind == itinera.PackageStop && x.ProgramID == programID {
				var p projectfile.Package
				if err := json.Unmarshal(x.Payload, &p); err != nil {
					return err
				}
				stop = &p
			}
		}
		if stop == nil {
			return itinera.Errorf(itinera.EINVALID, "This program did not come from a stop package: only the program of an imported stop package is sent back.")
		}
		releases, err := a.s.Itineraries.Releases(ctx, c.tenant(), programID)
		if err != nil {
			return err
		}
		if len(releases) == 0 {
			return itinera.Errorf(itinera.EINVALID, "Release the program's itinerary before sending it back: a return package carries a release.")
		}
		in := projectfile.ReturnInput{Issuer: t.Name, IssuedAt: a.now().UTC().Truncate(time.Second), Project: stop.Project, Stop: stop.Stop,
			Release: releases[0], OrganizationNames: map[int64]string{}}
		if in.Records, err = a.programRecords(ctx, c.tenant(), programID); err != nil {
			return err
		}
		if in.Feedback, err = a.s.Feedback.FeedbackLinks(ctx, c.tenant(), programID); err != nil {
			return err
		}
		if in.Collaborations, err = a.s.Feedback.Collaborations(ctx, c.tenant(), programID); err != nil {
			return err
		}
		for _, col := range in.Collaborations {
			for _, id := range col.OrganizationIDs {
				if o, err := a.s.Directory.Organization(ctx, c.tenant(), id); err == nil {
					in.OrganizationNames[id] = o.Name
				}
			}
		}
		p, err := projectfile.NewReturn(in)
		if err != nil {
			return err
		}
		var keyID string
		if out, keyID, err = a.sign(ctx, c, p); err != nil {
			return err
		}
		return a.auditAt(ctx, c.actor(), c.tenant(), "program", programID, programID, "export return package", nil,
			map[string]any{"Release": releases[0].Version, "KeyID": keyID})
	})
	return out, err
}

// ReturnSummary is what a return package brought back for a stop.
type ReturnSummary struct {
	ID         int64
	StopID     int64
	Issuer     string
	KeyID      string
	IssuedAt   time.Time
	ImportedAt time.Time
	// The release: its number, the itinerary version, when; Items the
	// released version's items, Meetings and Confirmed the program's.
	Release          int
	ItineraryVersion int
	ReleasedAt       time.Time
	Items            int
	Meetings         int
	Confirmed        int
	// Feedback counts the answers by role, with their average rating
	// (0: none rated).
	Feedback       []StopFeedback
	Collaborations int
}

func summarize(x itinera.ImportedPackage) (ReturnSummary, error) {
	var p projectfile.Package
	if err := json.NewDecoder(bytes.NewReader(x.Payload)).Decode(&p); err != nil {
		return ReturnSummary{}, err
	}
	out := ReturnSummary{ID: x.ID, StopID: x.StopID, Issuer: x.Issuer, KeyID: x.KeyID, IssuedAt: x.IssuedAt, ImportedAt: x.ImportedAt,
		Meetings: len(p.Program.Meetings), Collaborations: len(p.Collaborations), Feedback: []StopFeedback{}}
	if p.Release != nil {
		out.Release, out.ItineraryVersion, out.ReleasedAt = p.Release.Version, p.Release.ItineraryVersion, p.Release.ReleasedAt
	}
	for _, it := range p.Program.Itineraries {
		if it.Version == out.ItineraryVersion {
			out.Items = len(it.Items)
		}
	}
	for _, m := range p.Program.Meetings {
		if m.Status == string(itinera.MeetingConfirmed) {
			out.Confirmed++
		}
	}
	at, sums, rated := map[string]int{}, map[string]int{}, map[string]int{}
	for _, fb := range p.Feedback {
		i, ok := at[fb.Role]
		if !ok {
			i = len(out.Feedback)
			at[fb.Role] = i
			out.Feedback = append(out.Feedback, StopFeedback{Role: itinera.FeedbackRole(fb.Role)})
		}
		out.Feedback[i].Asked++
		out.Feedback[i].Answered++
		if fb.Rating > 0 {
			sums[fb.Role] += fb.Rating
			rated[fb.Role]++
		}
	}
	for i := range out.Feedback {
		if r := string(out.Feedback[i].Role); rated[r] > 0 {
			out.Feedback[i].Average = float64(sums[r]) / float64(rated[r])
		}
	}
	return out, nil
}

// ImportReturnPackage opens a return package with the city's trusted key
// and records it against the caller's (the agency's) stop it answers:
// the verified payload is kept, and its summary shows on the stop.
func (a *App) ImportReturnPackage(ctx context.Context, c Caller, b []byte) (ReturnSummary, error) {
	if err := mustEdit(c); err != nil {
		return ReturnSummary{}, err
	}
	if _, err := a.mustAgencyOrg(ctx, c); err != nil {
		return ReturnSummary{}, err
	}
	var out ReturnSummary
	err := a.inTx(ctx, func(ctx context.Context) error {
		op, payload, err := a.openPackage(ctx, c, b, projectfile.KindReturn)
		if err != nil {
			return err
		}
		notOurs := itinera.Errorf(itinera.EINVALID, "This return package answers a stop of project %q, which is not one of your organization's projects.",
			op.Package.Project.ID)
		id, err := strconv.ParseInt(op.Package.Project.ID, 10, 64)
		if err != nil {
			return notOurs
		}
		pa, err := a.accessProject(ctx, c, id)
		if err != nil || !pa.agency {
			return notOurs
		}
		route := routeNumbers(pa.stops)
		n := op.Package.Stop.Number
		if n < 1 || n > len(route) || route[n-1].City != op.Package.Stop.City {
			return itinera.Errorf(itinera.EINVALID, "This return package answers stop %d (%s) of %s, which is not on the project's route now.",
				n, op.Package.Stop.City, pa.project.Title)
		}
		s := route[n-1]
		x := itinera.ImportedPackage{TenantID: c.tenant(), Kind: itinera.PackageReturn, Digest: op.Digest, KeyID: op.KeyID,
			Issuer: op.Package.Issuer.Organization, IssuedAt: op.Package.IssuedAt, ImportedBy: c.actor().name, StopID: s.ID, Payload: payload}
		if err := a.s.Projects.CreateImportedPackage(ctx, &x); err != nil {
			return err
		}
		if out, err = summarize(x); err != nil {
			return err
		}
		return a.auditAt(ctx, c.actor(), c.tenant(), "project stop", s.ID, 0, "import return package", nil,
			map[string]any{"Issuer": x.Issuer, "KeyID": x.KeyID, "Digest": x.Digest, "City": s.City, "Release": out.Release})
	})
	return out, err
}

// stopReturns lists the return packages the agency imported for a stop,
// oldest first.
func (a *App) stopReturns(ctx context.Context, agencyID, stopID int64) ([]ReturnSummary, error) {
	done, err := a.s.Projects.ImportedPackages(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	out := []ReturnSummary{}
	for _, x := range done {
		if x.Kind == itinera.PackageReturn && x.StopID == stopID {
			s, err := summarize(x)
			if err != nil {
				return nil, err
			}
			out = append(out, s)
		}
	}
	return out, nil
}

// StopReturns lists the return packages the caller's agency imported for
// one of its stops, oldest first.
func (a *App) StopReturns(ctx context.Context, c Caller, stopID int64) ([]ReturnSummary, error) {
	pa, s, err := a.accessStop(ctx, c, stopID)
	if err != nil {
		return nil, err
	}
	if err := pa.mustAgency(); err != nil {
		return nil, err
	}
	return a.stopReturns(ctx, pa.project.TenantID, s.ID)
}

// sign signs a package with the caller's organization's key (made on
// first use) and returns it with the key's fingerprint.
func (a *App) sign(ctx context.Context, c Caller, p projectfile.Package) ([]byte, string, error) {
	priv, key, err := a.signingKey(ctx, c)
	if err != nil {
		return nil, "", err
	}
	out, err := projectfile.Sign(p, priv)
	return out, key.KeyID, err
}
