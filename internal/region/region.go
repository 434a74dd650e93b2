// Package region places a country, as a visitor's record names it, in one
// of the six regions of the U.S. Department of State's regional bureaus —
// the regions in which exchange programs such as the International
// Visitor Leadership Program are planned and reported: Africa (AF, the
// countries south of the Sahara), East Asia and Pacific (EAP), Europe and
// Eurasia (EUR), Near East (NEA, North Africa and the Middle East), South
// and Central Asia (SCA) and Western Hemisphere (WHA). The table follows
// the bureaus' country lists; a few territories are placed with the
// bureau that covers them (Hong Kong and Macau with EAP, the Palestinian
// territories with NEA). It is pure: no I/O.
package region

import (
	"strings"
	"unicode"
)

// The regions, in the order reports list them.
const (
	Africa       = "Africa"
	EastAsia     = "East Asia and Pacific"
	Europe       = "Europe and Eurasia"
	NearEast     = "Near East"
	SouthCentral = "South and Central Asia"
	Western      = "Western Hemisphere"
	// Unknown is the region of a country the table does not know (a
	// misspelling, an empty field, the United States itself).
	Unknown = "Region not known"
)

// Regions lists the regions in report order, Unknown last.
var Regions = []string{Africa, EastAsia, Europe, NearEast, SouthCentral, Western, Unknown}

// Source names the table, for the reports' "how it was counted".
const Source = "the U.S. Department of State's six regional bureaus (AF, EAP, EUR, NEA, SCA, WHA)"

var table = map[string][]string{
	Africa: {"Angola", "Benin", "Botswana", "Burkina Faso", "Burundi", "Cabo Verde", "Cape Verde", "Cameroon",
		"Central African Republic", "Chad", "Comoros", "Democratic Republic of the Congo", "DR Congo", "DRC", "Congo Kinshasa",
		"Republic of the Congo", "Congo", "Congo Brazzaville", "Cote d'Ivoire", "Ivory Coast", "Djibouti", "Equatorial Guinea",
		"Eritrea", "Eswatini", "Swaziland", "Ethiopia", "Gabon", "Gambia", "Ghana", "Guinea", "Guinea-Bissau", "Kenya",
		"Lesotho", "Liberia", "Madagascar", "Malawi", "Mali", "Mauritania", "Mauritius", "Mozambique", "Namibia", "Niger",
		"Nigeria", "Rwanda", "Sao Tome and Principe", "Senegal", "Seychelles", "Sierra Leone", "Somalia", "South Africa",
		"South Sudan", "Sudan", "Tanzania", "Togo", "Uganda", "Zambia", "Zimbabwe"},
	EastAsia: {"Australia", "Brunei", "Brunei Darussalam", "Burma", "Myanmar", "Cambodia", "China", "People's Republic of China",
		"PRC", "Fiji", "Hong Kong", "Indonesia", "Japan", "Kiribati", "North Korea", "DPRK", "South Korea", "Korea",
		"Republic of Korea", "Laos", "Lao PDR", "Macau", "Macao", "Malaysia", "Marshall Islands", "Micronesia",
		"Federated States of Micronesia", "Mongolia", "Nauru", "New Zealand", "Palau", "Papua New Guinea", "Philippines",
		"Samoa", "Singapore", "Solomon Islands", "Taiwan", "Thailand", "Timor-Leste", "East Timor", "Tonga", "Tuvalu",
		"Vanuatu", "Vietnam", "Viet Nam"},
	Europe: {"Albania", "Andorra", "Armenia", "Austria", "Azerbaijan", "Belarus", "Belgium", "Bosnia and Herzegovina",
		"Bulgaria", "Croatia", "Cyprus", "Czechia", "Czech Republic", "Denmark", "Estonia", "Finland", "France", "Georgia",
		"Germany", "Greece", "Holy See", "Vatican", "Hungary", "Iceland", "Ireland", "Italy", "Kosovo", "Latvia",
		"Liechtenstein", "Lithuania", "Luxembourg", "Malta", "Moldova", "Monaco", "Montenegro", "Netherlands", "Holland",
		"North Macedonia", "Macedonia", "Norway", "Poland", "Portugal", "Romania", "Russia", "Russian Federation",
		"San Marino", "Serbia", "Slovakia", "Slovenia", "Spain", "Sweden", "Switzerland", "Turkey", "Turkiye", "Ukraine",
		"United Kingdom", "UK", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland"},
	NearEast: {"Algeria", "Bahrain", "Egypt", "Iran", "Iraq", "Israel", "Jordan", "Kuwait", "Lebanon", "Libya", "Morocco",
		"Oman", "Palestinian Territories", "Palestine", "West Bank", "Gaza", "Qatar", "Saudi Arabia", "Syria", "Tunisia",
		"United Arab Emirates", "UAE", "Yemen"},
	SouthCentral: {"Afghanistan", "Bangladesh", "Bhutan", "India", "Kazakhstan", "Kyrgyzstan", "Kyrgyz Republic", "Maldives",
		"Nepal", "Pakistan", "Sri Lanka", "Tajikistan", "Turkmenistan", "Uzbekistan"},
	Western: {"Antigua and Barbuda", "Argentina", "Bahamas", "Barbados", "Belize", "Bolivia", "Brazil", "Canada", "Chile",
		"Colombia", "Costa Rica", "Cuba", "Dominica", "Dominican Republic", "Ecuador", "El Salvador", "Grenada", "Guatemala",
		"Guyana", "Haiti", "Honduras", "Jamaica", "Mexico", "Nicaragua", "Panama", "Paraguay", "Peru",
		"Saint Kitts and Nevis", "St Kitts and Nevis", "Saint Lucia", "St Lucia", "Saint Vincent and the Grenadines",
		"St Vincent and the Grenadines", "Suriname", "Trinidad and Tobago", "Uruguay", "Venezuela"},
}

var byKey = func() map[string]string {
	m := map[string]string{}
	for r, cs := range table {
		for _, c := range cs {
			m[key(c)] = r
		}
	}
	return m
}()

// Of returns the region of a country as typed ("Côte d'Ivoire", "the
// Gambia", " NIGERIA "), and whether the table knows it; Unknown when not.
func Of(country string) (string, bool) {
	if r, ok := byKey[key(country)]; ok {
		return r, true
	}
	return Unknown, false
}

// key folds a country's name for the table: lower case, Latin accents
// dropped, punctuation and "the" gone, one space between words.
func key(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if f, ok := fold[r]; ok {
			r = f
		}
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case r == '\'' || r == '’' || r == '.':
			// "Cote d'Ivoire", "St. Lucia"
		default:
			b.WriteByte(' ')
		}
	}
	words := strings.Fields(b.String())
	out := words[:0]
	for _, w := range words {
		if w != "the" && w != "of" && w != "republic" && w != "rep" {
			out = append(out, w)
		}
	}
	if len(out) == 0 && len(words) > 0 {
		out = words
	}
	return strings.Join(out, " ")
}

var fold = map[rune]rune{'à': 'a', 'á': 'a', 'â': 'a', 'ã': 'a', 'ä': 'a', 'å': 'a', 'ç': 'c', 'è': 'e', 'é': 'e', 'ê': 'e',
	'ë': 'e', 'ì': 'i', 'í': 'i', 'î': 'i', 'ï': 'i', 'ñ': 'n', 'ò': 'o', 'ó': 'o', 'ô': 'o', 'õ': 'o', 'ö': 'o', 'ù': 'u',
	'ú': 'u', 'û': 'u', 'ü': 'u', 'ý': 'y'}
