package sheet

import "strings"

// guardChars are the first characters that make a spreadsheet program read a
// CSV cell as a formula (OWASP "CSV injection"): = + - @ TAB CR. LF is added
// because readers turn a leading CR LF into LF, and the guard must still be
// recognised after that.
const guardChars = "=+-@\t\r\n"

// needsGuard reports whether v, once any leading apostrophes are set aside,
// starts with a formula character. Counting the apostrophes makes guarding
// reversible: a value that already starts with "'=" gets a second apostrophe,
// so Unsafe(guard(v)) == v for every v.
func needsGuard(v string) bool {
	rest := strings.TrimLeft(v, "'")
	return rest != "" && strings.IndexByte(guardChars, rest[0]) >= 0
}

// guard prefixes v with an apostrophe when a spreadsheet program could read it
// as a formula.
func guard(v string) string {
	if needsGuard(v) {
		return "'" + v
	}
	return v
}

// Unsafe reverses the CSV formula guard: a value that starts with an
// apostrophe followed (after any further apostrophes) by = + - @ TAB CR or LF
// loses that first apostrophe. ReadCSV applies it to every cell, so exported
// CSV files import back unchanged.
func Unsafe(v string) string {
	if strings.HasPrefix(v, "'") && needsGuard(v[1:]) {
		return v[1:]
	}
	return v
}
