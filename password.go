package itinera

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/trustelem/zxcvbn"
)

// The password rule. Length alone lets "Password1234" through, so a new
// password must also be hard to guess. Guessability is estimated by
// zxcvbn (Dropbox's estimator, here its Go port): it finds the common
// passwords (from leaked-password lists), English words, names, dates,
// keyboard walks, sequences and repeats a password is made of, and the
// user's own details, and counts the guesses an attacker trying those
// first would need. A password is accepted from score 3 of 4, more than
// 10^8 guesses, which rejects every common password and their variants
// ("P@ssw0rd2024!") while a phrase of a few unrelated words passes.

// MinPasswordLength is the shortest password a user may choose.
const MinPasswordLength = 12

// MaxPasswordLength bounds a password, in bytes.
const MaxPasswordLength = 256

// minPasswordScore is the lowest zxcvbn score accepted (0 to 4).
const minPasswordScore = 3

// scoredRunes bounds the part of a password zxcvbn looks at: its time grows
// fast with length, and a password that is common in its first 100
// characters is no better for what follows.
const scoredRunes = 100

// ValidatePassword checks a password a person chooses: at least 12
// characters, at most 256 bytes, and not easy to guess, counting as easy
// anything built from userInputs (the user's e-mail address, name,
// organization). Errors name the field "password".
func ValidatePassword(p string, userInputs ...string) error {
	field := func(msg, hint string) error {
		return &Error{Code: EINVALID, Message: msg, Fields: map[string]string{"password": hint}}
	}
	if utf8.RuneCountInString(p) < MinPasswordLength {
		return field("The password is too short.", "Use at least 12 characters.")
	}
	if utf8.RuneCountInString(p) > MaxPasswordLength {
		return field("The password is too long.", "Use at most 256 characters.")
	}
	if !utf8.ValidString(p) {
		return field("The password has characters that cannot be read.", "Type it again, with letters, digits, spaces and punctuation.")
	}
	for _, r := range p {
		if unicode.IsControl(r) {
			return field("The password holds an invisible control character.", "Use letters, digits, spaces and punctuation only.")
		}
	}
	if r := []rune(p); len(r) > scoredRunes {
		p = string(r[:scoredRunes])
	}
	if zxcvbn.PasswordStrength(p, passwordHints(userInputs)).Score < minPasswordScore {
		return field("The password is too easy to guess.",
			"It is a common password, or made of common words, names, dates, keyboard patterns or your own details. A phrase of four or five unrelated words is easy to remember and hard to guess.")
	}
	return nil
}

// passwordHints are the words of the user's details a password must not
// be made of: each input, and its parts ("ana.pereira@alpha.org" gives
// "ana", "pereira", "alpha").
func passwordHints(inputs []string) []string {
	hints := []string{"itinera"}
	for _, in := range inputs {
		in = strings.ToLower(strings.TrimSpace(in))
		if in == "" {
			continue
		}
		hints = append(hints, in)
		for _, part := range strings.FieldsFunc(in, func(r rune) bool { return strings.ContainsRune(" @.-_+'", r) }) {
			if len(part) >= 3 {
				hints = append(hints, part)
			}
		}
	}
	return hints
}
