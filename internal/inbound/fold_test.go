package inbound

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestFold folds the quoting and signatures of real clients' replies.
func TestFold(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, text, reply, folded string
	}{
		{"gmail", "Tuesday at 10 works for us.\n\nOn Tue, Dec 1, 2026 at 9:14 AM St. Louis Global Programs <\nprograms@stl-global.example.org> wrote:\n\n> Dear Dr. Price,\n> would you meet the delegation?\n",
			"Tuesday at 10 works for us.", "On Tue, Dec 1, 2026 at 9:14 AM St. Louis Global Programs <\nprograms@stl-global.example.org> wrote:\n\n> Dear Dr. Price,\n> would you meet the delegation?"},
		{"thunderbird", "Yes, and I will bring our prosecutor.\r\n\r\nOn 12/1/26 9:14 AM, Programs wrote:\r\n> Dear Ms. Rostami,\r\n",
			"Yes, and I will bring our prosecutor.", "On 12/1/26 9:14 AM, Programs wrote:\n> Dear Ms. Rostami,"},
		{"apple", "Works for me.\n\nSent from my iPhone\n\n> On 1 Dec 2026, at 09:14, Programs <programs@stl-global.example.org> wrote:\n> \n> Dear Mr. Hale,\n",
			"Works for me.\n\nSent from my iPhone", "> On 1 Dec 2026, at 09:14, Programs <programs@stl-global.example.org> wrote:\n> \n> Dear Mr. Hale,"},
		{"outlook original", "We can do Wednesday.\n\n-----Original Message-----\nFrom: Programs <programs@stl-global.example.org>\nSent: Tuesday, December 1, 2026 9:14 AM\n",
			"We can do Wednesday.", "-----Original Message-----\nFrom: Programs <programs@stl-global.example.org>\nSent: Tuesday, December 1, 2026 9:14 AM"},
		{"outlook rule", "Thank you, see below.\n\n________________________________\nFrom: Programs <programs@stl-global.example.org>\nSent: Tuesday, December 1, 2026 9:14 AM\nTo: Marcus Hale\nSubject: Meeting request\n\nDear Mr. Hale,",
			"Thank you, see below.", "________________________________\nFrom: Programs <programs@stl-global.example.org>\nSent: Tuesday, December 1, 2026 9:14 AM\nTo: Marcus Hale\nSubject: Meeting request\n\nDear Mr. Hale,"},
		{"outlook header block", "Fine by us.\n\nFrom: Programs <programs@stl-global.example.org>\nDate: Tuesday, 1 December 2026 at 09:14\nTo: Marcus Hale\n",
			"Fine by us.", "From: Programs <programs@stl-global.example.org>\nDate: Tuesday, 1 December 2026 at 09:14\nTo: Marcus Hale"},
		{"signature", "Count me in.\n\n-- \nDr. Rumi Price\nWashington University\n", "Count me in.", "-- \nDr. Rumi Price\nWashington University"},
		{"inline answers stay", "> Can you meet on Tuesday?\nYes, at 10.\n> And your partners?\nThe prosecutor comes too.\n",
			"> Can you meet on Tuesday?\nYes, at 10.\n> And your partners?\nThe prosecutor comes too.", ""},
		{"a line from the body is not a header", "From: the start we wanted to help.\nThank you.", "From: the start we wanted to help.\nThank you.", ""},
		{"nothing above the quote", "> Dear Dr. Price,\n> would you meet?", "> Dear Dr. Price,\n> would you meet?", ""},
		{"empty", "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			reply, folded := Fold(tc.text)
			if reply != tc.reply || folded != tc.folded {
				t.Errorf("Fold(%q)\n reply  %q\n want   %q\n folded %q\n want   %q", tc.text, reply, tc.reply, folded, tc.folded)
			}
		})
	}
}

// FuzzFold: any text folds without panic into parts of itself.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"Yes.\n\nOn Tue wrote:\n> x", "a\n-- \nsig", "-----Original Message-----", "> a\n> b", "From: a\nSent: b", "On x\ny wrote:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		reply, folded := Fold(text)
		norm := strings.ReplaceAll(text, "\r\n", "\n")
		if !strings.Contains(norm, reply) || !strings.Contains(norm, folded) {
			t.Fatalf("Fold(%q) = %q, %q: not parts of the text", text, reply, folded)
		}
		if utf8.ValidString(text) && (!utf8.ValidString(reply) || !utf8.ValidString(folded)) {
			t.Fatalf("Fold(%q) made invalid UTF-8", text)
		}
		if len(reply)+len(folded) > len(norm) {
			t.Fatalf("Fold(%q) is longer than the text", text)
		}
	})
}
