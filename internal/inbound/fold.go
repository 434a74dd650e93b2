package inbound

import (
	"regexp"
	"strings"
)

// Fold splits the text of a plain reply into what the sender wrote and
// what follows it: the message they quote and their signature, as mail
// clients write them —
//
//   - Gmail, Thunderbird, Apple Mail: "On … wrote:" (on one line or
//     wrapped over two), then "> " lines;
//   - Outlook: "-----Original Message-----", or an underscore rule and a
//     "From: … Sent: …" header block (or the block alone);
//   - a signature after the "-- " delimiter line (RFC 3676 4.3);
//   - a closing run of "> " lines with nothing of the sender's below it.
//
// Lines quoted in between the sender's own (an answer written inline) stay
// in the reply. Nothing is guessed from the words of the reply itself.
// When the sender wrote nothing above a quote, all of the text is the
// reply.
func Fold(text string) (reply, folded string) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	lines := strings.Split(text, "\n")
	cut := -1
	for i := 0; i < len(lines) && cut < 0; i++ {
		if foldsAt(lines, i) {
			cut = i
		}
	}
	if cut < 0 {
		return strings.TrimSpace(text), ""
	}
	reply = strings.TrimSpace(strings.Join(lines[:cut], "\n"))
	folded = strings.TrimSpace(strings.Join(lines[cut:], "\n"))
	if reply == "" {
		return strings.TrimSpace(text), ""
	}
	return reply, folded
}

var (
	originalRe = regexp.MustCompile(`(?i)^\s*-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original|forwarded message)\s*-{2,}\s*$`)
	ruleRe     = regexp.MustCompile(`^\s*_{8,}\s*$`)
	fromRe     = regexp.MustCompile(`(?i)^\s*\*?(from|von|de)\s*:\*?\s+\S`)
	sentRe     = regexp.MustCompile(`(?i)^\s*\*?(sent|date|gesendet|envoyé|enviado)\s*:\*?\s+\S`)
	onRe       = regexp.MustCompile(`(?i)^\s*(on|am|le|el)\s.+`)
	wroteRe    = regexp.MustCompile(`(?i)(wrote|schrieb|a écrit|escribió)\s*:\s*$`)
)

// foldsAt reports whether the folded part starts at line i.
func foldsAt(lines []string, i int) bool {
	l := lines[i]
	switch {
	case l == "-- " || l == "--":
		return true
	case originalRe.MatchString(l):
		return true
	case ruleRe.MatchString(l) && i+1 < len(lines) && fromRe.MatchString(lines[i+1]):
		return true
	case fromRe.MatchString(l):
		for j := i + 1; j < len(lines) && j <= i+4; j++ {
			if sentRe.MatchString(lines[j]) {
				return true
			}
		}
	case onRe.MatchString(l):
		if wroteRe.MatchString(l) || i+1 < len(lines) && wroteRe.MatchString(lines[i+1]) && !strings.HasPrefix(lines[i+1], ">") {
			return true
		}
	case strings.HasPrefix(l, ">"):
		for _, rest := range lines[i:] {
			if t := strings.TrimSpace(rest); t != "" && !strings.HasPrefix(t, ">") {
				return false
			}
		}
		return true
	}
	return false
}
