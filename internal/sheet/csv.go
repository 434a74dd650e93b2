package sheet

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"itinera"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// delimiters are the separators ReadCSV recognises, in order of preference
// when the first lines do not decide.
var delimiters = []byte{',', ';', '\t'}

// sniffRecords is how many records the delimiter is chosen on.
const sniffRecords = 50

// ReadCSV reads a CSV file (RFC 4180, with the leniency real files need). See
// the package documentation for the rules.
func ReadCSV(data []byte) (Table, error) {
	t := Table{Format: "csv"}
	if len(data) > MaxBytes {
		return t, tooLarge()
	}
	text, enc, err := decode(data)
	if err != nil {
		return t, err
	}
	t.Encoding = enc
	if i := strings.IndexByte(text, 0); i >= 0 {
		return t, itinera.Errorf(itinera.EINVALID, "The file contains binary data (line %d holds a NUL character), so it is not a CSV spreadsheet.", 1+lineBreaks(text[:i]))
	}
	if strings.TrimFunc(text, isTrim) == "" {
		return t, itinera.Errorf(itinera.EINVALID, "The file is empty.")
	}
	delim, text, hinted := sepLine(text)
	if !hinted {
		delim = sniff(text)
	}
	t.Delimiter = rune(delim)
	recs, _, err := parseCSV(text, delim, -1)
	if err != nil {
		return t, err
	}
	for _, rec := range recs {
		for i, c := range rec.cells {
			rec.cells[i] = clean(Unsafe(c))
		}
	}
	if err := build(&t, recs); err != nil {
		return t, err
	}
	return t, nil
}

func tooLarge() error {
	return itinera.Errorf(itinera.EINVALID, "The file is larger than %d MB; split it into smaller files.", MaxBytes>>20)
}

// decode returns data as UTF-8 text and names the encoding it was in: UTF-8
// with or without BOM, UTF-16 with a BOM (Excel's "Unicode Text"), or else
// Windows-1252, the encoding Excel on Windows writes "CSV (Comma delimited)"
// in for Western European languages.
func decode(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		data = data[len(bomUTF8):]
		if !utf8.Valid(data) {
			return "", "", itinera.Errorf(itinera.EINVALID, "The file says it is UTF-8 but is not: save it again as \"CSV UTF-8\".")
		}
		return string(data), "UTF-8 with BOM", nil
	case bytes.HasPrefix(data, bomUTF16LE), bytes.HasPrefix(data, bomUTF16BE):
		// Malformed UTF-16 (an odd last byte) decodes to U+FFFD.
		s, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", "", unknownEncoding()
		}
		return string(s), "UTF-16", nil
	case utf8.Valid(data):
		return string(data), "UTF-8", nil
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", unknownEncoding()
	}
	return string(s), "Windows-1252", nil
}

// unknownEncoding is the error of text the decoders refuse; they replace
// what they cannot decode, so it is not expected.
func unknownEncoding() error {
	return itinera.Errorf(itinera.EINVALID, "The file's text encoding is not recognised: save it again as \"CSV UTF-8\".")
}

// sepLine recognises Excel's "sep=;" first line, which names the delimiter
// and which Excel does not show as a row.
func sepLine(text string) (byte, string, bool) {
	if len(text) < 5 || !strings.EqualFold(text[:4], "sep=") {
		return 0, text, false
	}
	d := text[4]
	if strings.IndexByte(string(delimiters), d) < 0 {
		return 0, text, false
	}
	rest := text[5:]
	switch {
	case strings.HasPrefix(rest, "\r\n"):
		return d, rest[2:], true
	case strings.HasPrefix(rest, "\n"), strings.HasPrefix(rest, "\r"):
		return d, rest[1:], true
	case rest == "":
		return d, rest, true
	}
	return 0, text, false
}

// sniff chooses the delimiter that reads the first records best: one that
// splits them into fields at all; then the one with the fewest quotes out
// of place (a quote inside an unquoted value, or text after a closing
// quote, which a wrong delimiter causes); then the one that splits most
// records into the same number of fields, then into more fields; then the
// first of delimiters.
func sniff(text string) byte {
	best, bestOdd, bestAgree, bestFields := delimiters[0], -1, 0, 0
	for _, d := range delimiters {
		recs, odd, _ := parseCSV(text, d, sniffRecords)
		counts := map[int]int{}
		for _, rec := range recs {
			if !isEmpty(rec.cells) {
				counts[len(rec.cells)]++
			}
		}
		agree, fields := 0, 0
		for n, c := range counts {
			if n > 1 && (c > agree || c == agree && n > fields) {
				agree, fields = c, n
			}
		}
		splits, bestSplits := agree > 0, bestAgree > 0
		if bestOdd < 0 || splits && !bestSplits || splits == bestSplits && (odd < bestOdd ||
			odd == bestOdd && (agree > bestAgree || agree == bestAgree && fields > bestFields)) {
			best, bestOdd, bestAgree, bestFields = d, odd, agree, fields
		}
	}
	return best
}

// parseCSV splits text into records: fields separated by delim, records by
// CR LF, LF or CR alone. A field that starts with a double quote runs to the
// closing quote, may hold delimiters and line breaks (kept as LF), and holds a
// quote as two; text after the closing quote is kept, and a quote inside an
// unquoted field is an ordinary character. odd counts those quotes out of
// place. limit > 0 stops after that many records (for sniffing), and an
// unclosed quote is then not an error.
func parseCSV(text string, delim byte, limit int) (recs []record, odd int, err error) {
	stops := string([]byte{delim, '\r', '\n'})
	pos, line, n := 0, 1, 0
	for pos < len(text) && (limit < 0 || len(recs) < limit) {
		n++
		rec := record{number: n}
		for {
			var field string
			if text[pos] == '"' {
				var b strings.Builder
				open := line
				pos++
			quoted:
				for {
					i := strings.IndexAny(text[pos:], "\"\r\n")
					if i < 0 {
						if limit > 0 {
							return recs, odd + 1, nil
						}
						return nil, odd, unclosed(n, open)
					}
					b.WriteString(text[pos : pos+i])
					pos += i
					switch text[pos] {
					case '"':
						pos++
						if pos < len(text) && text[pos] == '"' {
							b.WriteByte('"')
							pos++
							continue
						}
						break quoted
					case '\r':
						pos++
						if pos < len(text) && text[pos] == '\n' {
							pos++
						}
						b.WriteByte('\n')
						line++
					case '\n':
						pos++
						b.WriteByte('\n')
						line++
					}
				}
				i := strings.IndexAny(text[pos:], stops)
				if i < 0 {
					i = len(text) - pos
				}
				if i > 0 {
					odd++
				}
				b.WriteString(text[pos : pos+i])
				pos += i
				field = b.String()
			} else {
				i := strings.IndexAny(text[pos:], stops)
				if i < 0 {
					i = len(text) - pos
				}
				field = text[pos : pos+i]
				pos += i
				if strings.IndexByte(field, '"') >= 0 {
					odd++
				}
			}
			rec.cells = append(rec.cells, field)
			if pos >= len(text) {
				break
			}
			c := text[pos]
			pos++
			if c == delim {
				if pos == len(text) {
					rec.cells = append(rec.cells, "")
					break
				}
				continue
			}
			if c == '\r' && pos < len(text) && text[pos] == '\n' {
				pos++
			}
			line++
			break
		}
		recs = append(recs, rec)
	}
	return recs, odd, nil
}

func unclosed(row, line int) error {
	if row == line {
		return itinera.Errorf(itinera.EINVALID, "Line %d: a quoted value is never closed.", line)
	}
	return itinera.Errorf(itinera.EINVALID, "Row %d (line %d in a text editor): a quoted value is never closed.", row, line)
}

// lineBreaks counts the line ends in s (CR LF counting once).
func lineBreaks(s string) int {
	return strings.Count(s, "\n") + strings.Count(s, "\r") - strings.Count(s, "\r\n")
}
