package itinera

import "strings"

// Settings are what an organization's administrator may change about it:
// its name, its time zone and the sender its e-mail shows. The sender's
// name and address are optional: empty means the organization's name and
// the installation's address.
type Settings struct {
	// Version rises with every change; a change sent with an older
	// version is refused, so nobody overwrites what they have not seen.
	Version         int
	TenantID        int64
	Slug            string // read only
	Name            string
	TimeZone        string
	MailFromName    string
	MailFromAddress string
}

// Validate checks the settings and normalises the sender's address.
func (s *Settings) Validate() error {
	f := FieldErrors{}
	s.Name = strings.TrimSpace(s.Name)
	s.TimeZone = strings.TrimSpace(s.TimeZone)
	s.MailFromName = strings.TrimSpace(s.MailFromName)
	s.MailFromAddress = strings.TrimSpace(s.MailFromAddress)
	if s.Name == "" {
		f.Add("name", "Enter the organization's name.")
	}
	if _, err := LoadZone(s.TimeZone); err != nil {
		f.Add("time_zone", err.Error())
	}
	if strings.ContainsAny(s.MailFromName, "\r\n") {
		f.Add("mail_from_name", "The name must be one line.")
	}
	if s.MailFromAddress != "" {
		a, err := NormalizeEmail(s.MailFromAddress)
		if err != nil {
			f.Add("mail_from_address", ErrorMessage(err))
		}
		s.MailFromAddress = a
	}
	return f.Err("settings")
}
