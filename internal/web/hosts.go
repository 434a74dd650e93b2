package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/auth"
)

// The hosts' public pages: the sign-up form of a tenant, /host/{slug}, and
// a household's personal page, /h/{token}, where hosts update their
// details or withdraw. No account and no session: the personal link's
// token is the credential (the store keeps its hash), as on the resource's
// page. Spam is kept out by a hidden field people never fill in (bots do)
// and a per-address limit on sign-ups. The home is put on a map: with a
// geocoder, found from its address (on saving, or with the map's button,
// which lists the places found: geocode.go); without one, by a pin.

// HostConfig configures the host sign-up and personal links.
type HostConfig struct {
	// SignUpLimiter bounds sign-ups per client address; nil allows 5, then
	// one every 12 minutes.
	SignUpLimiter *auth.Limiter
	// LookupLimiter bounds the address lookups of the sign-up and
	// personal pages per client address; nil allows 20, then one every 30
	// seconds.
	LookupLimiter *auth.Limiter
}

// hostSettings is HostConfig with its defaults filled in.
type hostSettings struct {
	limiter *auth.Limiter
	lookups *auth.Limiter
}

func newHostSettings(cfg Config, now func() time.Time) hostSettings {
	h := hostSettings{limiter: cfg.Hosts.SignUpLimiter, lookups: cfg.Hosts.LookupLimiter}
	if h.limiter == nil {
		h.limiter = auth.NewLimiterIn(cfg.App.Limits(), "host sign-up", 5, 12*time.Minute, now)
	}
	if h.lookups == nil {
		h.lookups = auth.NewLimiterIn(cfg.App.Limits(), "host lookup", 20, 30*time.Second, now)
	}
	return h
}

// honeypot names the hidden field; people never see it, bots fill it in.
const honeypot = "website"

// hostView is the sign-up form and the personal page.
type hostView struct {
	Org      string
	Intro    string
	Action   string
	Submit   string
	Nonce    string
	Honeypot string // the hidden field's name; empty on the personal page
	Message  string
	Summary  []fieldError
	Fields   []field
	Weekdays []field
	// Pin is the map on which the host puts the pin on their home.
	Pin      *pinMap
	tenantID int64 // whose city the map opens on

	// The personal page.
	Personal bool
	Status   string
	Withdraw string
	Expires  string
	Evenings []hostEveningRow // evenings the household is invited to
}

// hostDoneView is the confirmation after signing up.
type hostDoneView struct {
	Org, Name, Link string
}

func householdFields(today itinera.Date, chosen []string) []field {
	return []field{
		{Name: "name", Label: "Household name", Required: true, Type: "text", Hint: "How we should call you, for example \"The Brennan household\".", Autocomplete: "family-name"},
		{Name: "contact_name", Label: "Contact person", Required: true, Type: "text", Autocomplete: "name"},
		{Name: "email", Label: "E-mail", Required: true, Type: "email", Autocomplete: "email", Hint: "We send your guests' details here."},
		{Name: "phone", Label: "Phone", Type: "tel", Autocomplete: "tel"},
		{Name: "address", Label: "Home address", Required: true, Type: "text", Autocomplete: "street-address"},
		{Name: "lat", Label: "Latitude", Required: true, Type: "text", Hint: "Click your home on the map below and the two numbers fill in; or type them, such as 38.5957 and -90.2559. Only our staff see where you live."},
		{Name: "lon", Label: "Longitude", Required: true, Type: "text"},
		{Name: "languages", Label: "Languages spoken at home", Required: true, Type: "text", Hint: "Separate them with commas: English, Spanish."},
		{Name: "can_serve", Label: "Diets you can cook for", Type: "text", Hint: "For example vegetarian, vegan, halal, kosher, gluten-free."},
		{Name: "pets", Label: "Animals in your home", Type: "text", Hint: "For example cat, dog. Leave empty if none."},
		{Name: "smoking", Label: "Someone smokes in our home", Type: "checkbox"},
		{Name: "stairs", Label: "Guests must climb stairs to reach us", Type: "checkbox"},
		{Name: "capacity", Label: "Guests you can seat", Required: true, Type: "number", Min: "1", Max: strconv.Itoa(itinera.MaxHouseholdSeats)},
		{Name: "free_dates", Label: "Evenings you are free", Type: "dates", Options: freeDateOptions(today, chosen),
			Hint: "Tick the evenings of the coming weeks you could host; add a later one with Another date. Tick weekdays below if you are usually free on them."},
		{Name: "availability", Label: "When you are usually free, in your words", Type: "text"},
		{Name: "interests", Label: "Your professional interests", Type: "text", Hint: "Visitors enjoy hosts who share their field: for example healthcare, public awareness."},
		{Name: "note", Label: "Anything we should know", Type: "textarea", Rows: 3},
	}
}

// freeDateOptions are the evenings of the coming thirteen weeks, by month,
// to tick, and the dates already chosen outside them.
func freeDateOptions(today itinera.Date, chosen []string) []option {
	var os []option
	in := map[string]bool{}
	for i := 0; i < 13*7; i++ {
		d := today.AddDays(i)
		t := d.In(time.UTC)
		os = append(os, option{Value: d.String(), Label: t.Format("Monday 2 January"), Group: t.Format("January 2006")})
		in[d.String()] = true
	}
	var others []string
	for _, c := range chosen {
		if d, err := itinera.ParseDate(c); err == nil && !in[d.String()] {
			others = append(others, d.String())
			in[d.String()] = true
		}
	}
	slices.Sort(others)
	for _, c := range others {
		d := itinera.MustDate(c)
		os = append(os, option{Value: c, Label: d.In(time.UTC).Format("Mon 2 Jan 2006"), Group: "Other dates"})
	}
	return os
}

// dayColumn is the calendar column (Monday first) of a date, as the class
// that puts a month's first day under its weekday.
func dayColumn(date string) string {
	d, err := itinera.ParseDate(date)
	if err != nil {
		return ""
	}
	return "col-" + strconv.Itoa((int(d.Weekday())+6)%7+1)
}

// dayNumber is the day of the month of a date, as the calendar shows it.
func dayNumber(date string) string {
	d, err := itinera.ParseDate(date)
	if err != nil {
		return date
	}
	return strconv.Itoa(d.Day)
}

func weekdayFields() []field {
	var fs []field
	for d := time.Sunday; d <= time.Saturday; d++ {
		fs = append(fs, field{Name: "weekday_" + strconv.Itoa(int(d)), Label: d.String() + "s", Type: "checkbox"})
	}
	return fs
}

// readHousehold reads the household form.
func readHousehold(v url.Values) (itinera.HostHousehold, itinera.FieldErrors) {
	fr := newFormReader(v)
	h := itinera.HostHousehold{Name: fr.str("name"), ContactName: fr.str("contact_name"), Email: fr.str("email"),
		Phone: fr.str("phone"), Address: fr.str("address"), Languages: fr.list("languages"), CanServe: fr.list("can_serve"),
		Pets: fr.list("pets"), Smoking: fr.bool("smoking"), Stairs: fr.bool("stairs"), Availability: fr.str("availability"),
		Interests: fr.list("interests"), Note: fr.text("note")}
	h.Lat = fr.float("lat", "Enter the latitude as a number, such as 38.5957.")
	h.Lon = fr.float("lon", "Enter the longitude as a number, such as -90.2559.")
	h.Capacity = fr.int("capacity", "Enter how many guests you can seat, as a number.")
	for _, s := range freeDateValues(v) {
		d, err := itinera.ParseDate(s)
		if err != nil {
			fr.errs.Add("free_dates", "Tick the evenings, or write dates as YYYY-MM-DD, for example 2026-12-06.")
			continue
		}
		if !slices.Contains(h.FreeDates, d) {
			h.FreeDates = append(h.FreeDates, d)
		}
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		if fr.bool("weekday_" + strconv.Itoa(int(d))) {
			h.FreeWeekdays = append(h.FreeWeekdays, d)
		}
	}
	return h, fr.errs
}

// freeDateValues are the dates of the form: ticked evenings, another
// date, or a list typed by hand (the API and older forms).
func freeDateValues(v url.Values) []string {
	var out []string
	for _, x := range v["free_dates"] {
		out = append(out, itinera.SplitList(x)...)
	}
	return out
}

// householdValues fills the form from a household.
func householdValues(h itinera.HostHousehold) url.Values {
	v := url.Values{}
	v.Set("name", h.Name)
	v.Set("contact_name", h.ContactName)
	v.Set("email", h.Email)
	v.Set("phone", h.Phone)
	v.Set("address", h.Address)
	v.Set("lat", strconv.FormatFloat(h.Lat, 'f', -1, 64))
	v.Set("lon", strconv.FormatFloat(h.Lon, 'f', -1, 64))
	v.Set("languages", strings.Join(h.Languages, ", "))
	v.Set("can_serve", strings.Join(h.CanServe, ", "))
	v.Set("pets", strings.Join(h.Pets, ", "))
	if h.Smoking {
		v.Set("smoking", "on")
	}
	if h.Stairs {
		v.Set("stairs", "on")
	}
	v.Set("capacity", strconv.Itoa(h.Capacity))
	for _, d := range h.FreeDates {
		v.Add("free_dates", d.String())
	}
	for _, d := range h.FreeWeekdays {
		v.Set("weekday_"+strconv.Itoa(int(d)), "on")
	}
	v.Set("availability", h.Availability)
	v.Set("interests", strings.Join(h.Interests, ", "))
	v.Set("note", h.Note)
	return v
}

// renderHost shows the household form with the state's values and messages.
func (ui *UI) renderHost(w http.ResponseWriter, r *http.Request, s *session, code int, title string, v hostView, st formState) {
	loc, err := ui.zoneOfTenant(r.Context(), v.tenantID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	chosen := freeDateValues(st.values)
	fv := st.build(formView{}, householdFields(itinera.DateOf(ui.now().In(loc)), chosen))
	// Each ticked date is its own value; the build above marks them.
	for i := range fv.Fields {
		if fv.Fields[i].Name == "free_dates" {
			for _, c := range chosen {
				fv.Fields[i].Selected[c] = true
			}
		}
	}
	v.Fields, v.Message = fv.Fields, fv.Message
	v.Summary = sortSummary(fv.Summary, fv.Fields)
	v.Weekdays = st.build(formView{}, weekdayFields()).Fields
	// The map opens on the organization's city: the first of its places.
	places, err := ui.svc.Directory.Places(r.Context(), v.tenantID, itinera.DirectoryFilter{Limit: 5})
	if err != nil {
		places = nil
	}
	v.Pin = newPinMap(places, ui.maps)
	v.Pin.Caption = "Click your home on the map and its latitude and longitude fill in; drag the pin to correct it."
	if ui.app.Geocodes() {
		v.Pin.Caption = "Leave the latitude and longitude empty and we find your address on the map; or click your home on the map to place it yourself."
		v.Pin.Lookup = v.Action + "/geocode"
		if v.Personal {
			v.Pin.Lookup = "/h/" + r.PathValue("token") + "/geocode"
		}
	}
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("X-Robots-Tag", "noindex")
	ui.render(w, r, s, code, "host", pageInfo{Title: title}, v)
}

// hostTenant finds the tenant of a sign-up page.
func (ui *UI) hostTenant(w http.ResponseWriter, r *http.Request, s *session) (itinera.Tenant, bool) {
	t, err := ui.svc.Accounts.TenantBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		if itinera.ErrorCode(err) == itinera.ENOTFOUND || itinera.ErrorCode(err) == itinera.EINVALID {
			ui.gone(w, r, s, goneView{Status: http.StatusNotFound, Heading: "We could not find this sign-up page",
				Text: "Please check the address you were given, or ask the organization that invited you to host for the right link."})
			return t, false
		}
		ui.fail(w, r, s, err)
		return t, false
	}
	return t, true
}

func signUpView(t itinera.Tenant) hostView {
	return hostView{Org: t.Name, Action: "/host/" + t.Slug, Submit: "Sign up as a host", Honeypot: honeypot, tenantID: t.ID,
		Intro: t.Name + " welcomes international visitors to dinner in local homes. Tell us about your household; we will be in touch before any evening. No account is needed."}
}

func (ui *UI) hostSignUpForm(w http.ResponseWriter, r *http.Request, s *session) {
	t, ok := ui.hostTenant(w, r, s)
	if !ok {
		return
	}
	st := formState{values: url.Values{"capacity": {"3"}}}
	ui.renderHost(w, r, s, http.StatusOK, "Host international visitors for dinner", signUpView(t), st)
}

func (ui *UI) hostSignUp(w http.ResponseWriter, r *http.Request, s *session) {
	t, ok := ui.hostTenant(w, r, s)
	if !ok {
		return
	}
	ctx := r.Context()
	if !ui.hosts.limiter.Allow("signup|" + clientIP(r)) {
		ui.log.WarnContext(ctx, "host sign-ups limited", "ip", clientIP(r), "tenant", t.ID)
		ui.gone(w, r, s, goneView{Status: http.StatusTooManyRequests, Heading: "Please wait a moment",
			Text: "Several sign-ups came from your network in a short time. Please wait a few minutes, then send the form again."})
		return
	}
	done := func(name string, link string) {
		w.Header().Set("Referrer-Policy", "no-referrer")
		ui.render(w, r, s, http.StatusOK, "host_done", pageInfo{Title: "Thank you for signing up"},
			hostDoneView{Org: t.Name, Name: name, Link: link})
	}
	if strings.TrimSpace(r.PostForm.Get(honeypot)) != "" {
		// A bot: it sees the usual answer, nothing is stored.
		ui.log.InfoContext(ctx, "host sign-up honeypot filled", "ip", clientIP(r), "tenant", t.ID)
		done(r.PostForm.Get("name"), "")
		return
	}
	h, perrs := readHousehold(r.PostForm)
	h.TenantID = t.ID
	var out app.SignedUp
	err := write(perrs, homeValidate(h), "sign-up", func() (err error) {
		out, err = ui.app.SignUpHousehold(ctx, t.Slug, ui.siteURL(r), h)
		return err
	})
	if st, ok := invalid(r.PostForm, err); ok {
		ui.renderHost(w, r, s, http.StatusUnprocessableEntity, "Host international visitors for dinner", signUpView(t), st)
		return
	}
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.log.InfoContext(ctx, "host signed up", "household", out.Household.ID, "tenant", t.ID)
	done(out.Household.Name, out.Link)
}

// homeValidate checks a household's fields, except missing coordinates
// when the address is given: the application layer looks the address up
// (or asks for the pin).
func homeValidate(h itinera.HostHousehold) func() error {
	if h.Lat == 0 && h.Lon == 0 && h.Address != "" {
		h.Lat, h.Lon = 1, 1 // a stand-in, for the other fields' rules only
	}
	return h.Validate
}
