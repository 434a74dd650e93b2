package requests

import (
	"bytes"
	htmltemplate "html/template"
	"strings"
	"text/template"
	"time"

	"itinera"
)

// Invitation is everything the request e-mail says.
type Invitation struct {
	Organization string // the sending community organization
	Program      itinera.Program
	Meeting      itinera.Meeting
	ContactName  string
	PlaceAddress string // "" with no place: at the resource's office
	Profile      Profile
	Windows      []itinera.Window
	Message      string // the officer's own words
	Link         string // the personal answer link
	ExpiresAt    time.Time
}

// DefaultMessage is the officer's opening, prefilled in the request form.
func DefaultMessage(org string, p itinera.Program, m itinera.Meeting) string {
	if org == "" {
		org = "our organization"
	}
	return "On behalf of " + org + ", I would like to ask whether you could meet an international delegation visiting " +
		p.City + " for the program “" + p.Title + "”. Your experience would mean a great deal to them, and the " +
		"conversation often leads to lasting connections.\n\nBelow you find who is coming, what they hope to learn and " +
		"the times that suit the program. Answering takes a minute and needs no account."
}

// mailView is what the templates execute with.
type mailView struct {
	Invitation
	Greeting  string
	Dates     string
	Zone      string
	Duration  string
	Place     string
	Who       string
	Times     []string
	Paras     []string
	Expires   string
	Objective string
	Topics    string
	Jobs      string
}

func newMailView(in Invitation) mailView {
	loc := in.Program.Location()
	v := mailView{Invitation: in, Greeting: "Hello,", Who: in.Profile.Who(),
		Dates:    in.Program.StartDate.In(loc).Format("Monday 2 January") + " to " + in.Program.EndDate.In(loc).Format("Monday 2 January 2006"),
		Zone:     zoneName(in.Program, loc),
		Duration: durationWords(in.Meeting.DurationMinutes), Objective: strings.Join(in.Program.Objectives, ", "),
		Topics: strings.Join(in.Meeting.Topics, ", "), Jobs: strings.Join(in.Profile.Professions, ", ")}
	if in.ContactName != "" {
		v.Greeting = "Dear " + in.ContactName + ","
	}
	v.Place = "At your office, or wherever suits you"
	if in.Meeting.PlaceName != "" {
		v.Place = in.Meeting.PlaceName
		if in.PlaceAddress != "" {
			v.Place += ", " + in.PlaceAddress
		}
	}
	for _, w := range in.Windows {
		v.Times = append(v.Times, w.Label(loc))
	}
	for _, p := range strings.Split(strings.ReplaceAll(in.Message, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			v.Paras = append(v.Paras, p)
		}
	}
	if !in.ExpiresAt.IsZero() {
		v.Expires = in.ExpiresAt.In(loc).Format("Monday 2 January 2006")
	}
	return v
}

func zoneName(p itinera.Program, loc *time.Location) string {
	return p.TimeZone + " time (" + p.StartDate.At(12*60, loc).Format("MST") + ")"
}

func durationWords(min int) string {
	switch {
	case min <= 0:
		return "to be agreed"
	case min < 60:
		return itoa(min) + " minutes"
	case min == 60:
		return "1 hour"
	case min%60 == 0:
		return itoa(min/60) + " hours"
	case min < 120:
		return "1 hour " + itoa(min%60) + " minutes"
	}
	return itoa(min/60) + " hours " + itoa(min%60) + " minutes"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// Subject is the e-mail's subject line.
func Subject(in Invitation) string {
	s := "Meeting request: " + in.Program.Title + " – " + in.Meeting.Title
	return strings.Join(strings.Fields(s), " ")
}

var textMail = template.Must(template.New("text").Parse(`{{.Greeting}}
{{range .Paras}}
{{.}}
{{end}}
ABOUT THE VISIT
Program: {{.Program.Title}}{{with .Program.ProjectType}} ({{.}}){{end}}
Dates: {{.Dates}}, in {{.Program.City}}
{{- with .Objective}}
Objectives: {{.}}{{end}}

WHO IS COMING
{{.Who}}
{{- with .Jobs}}
Their work: {{.}}{{end}}

THE MEETING WE ASK FOR
{{- with .Topics}}
Topics: {{.}}{{end}}
Length: {{.Duration}}
Place: {{.Place}}
Times that suit the program, in {{.Zone}}:
{{- range .Times}}
  - {{.}}{{end}}

PLEASE ANSWER HERE (it takes a minute, no account needed):
{{.Link}}

You can accept one of the times, tick the times you could do, propose other
times or decline. You can also suggest a colleague and tell us which partner
organizations you would like to invite. You can change your answer until we
confirm the meeting.
{{- with .Expires}}
The link is personal to you and works until {{.}}.{{end}}

With many thanks,
{{.Organization}}
`))

var htmlMail = htmltemplate.Must(htmltemplate.New("html").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Meeting.Title}}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1b1b1b; max-width: 40em; margin: 0 auto; padding: 1em;">
<p>{{.Greeting}}</p>
{{range .Paras}}<p>{{.}}</p>
{{end}}
<h2 style="font-size: 1.1em;">About the visit</h2>
<p><strong>{{.Program.Title}}</strong>{{with .Program.ProjectType}} ({{.}}){{end}}<br>
{{.Dates}}, in {{.Program.City}}{{with .Objective}}<br>Objectives: {{.}}{{end}}</p>
<h2 style="font-size: 1.1em;">Who is coming</h2>
<p>{{.Who}}{{with .Jobs}}<br>Their work: {{.}}{{end}}</p>
<h2 style="font-size: 1.1em;">The meeting we ask for</h2>
<p>{{with .Topics}}Topics: {{.}}<br>{{end}}Length: {{.Duration}}<br>Place: {{.Place}}</p>
<p>Times that suit the program, in {{.Zone}}:</p>
<ul>{{range .Times}}<li>{{.}}</li>{{end}}</ul>
<p style="margin: 1.5em 0;"><a href="{{.Link}}" style="background: #0b5cad; color: #fff; padding: 0.75em 1.25em; border-radius: 6px; text-decoration: none; font-weight: bold;">Answer the request</a></p>
<p>It takes a minute and needs no account. You can accept one of the times, tick the times you could do, propose other times or decline; you can also suggest a colleague and name partner organizations you would like to invite. You can change your answer until we confirm the meeting.</p>
<p>If the button does not work, copy this link into your browser:<br><a href="{{.Link}}">{{.Link}}</a>{{with .Expires}}<br>The link is personal to you and works until {{.}}.{{end}}</p>
<p>With many thanks,<br>{{.Organization}}</p>
</body></html>
`))

// Compose returns the e-mail's subject, plain text and HTML.
func Compose(in Invitation) (subject, text, html string, err error) {
	v := newMailView(in)
	var t, h bytes.Buffer
	if err := textMail.Execute(&t, v); err != nil {
		return "", "", "", err
	}
	if err := htmlMail.Execute(&h, v); err != nil {
		return "", "", "", err
	}
	return Subject(in), t.String(), h.String(), nil
}
