package sheet

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"itinera"
)

var (
	magicZIP = []byte("PK\x03\x04")
	// magicOLE starts a Compound File: an Excel 97-2003 .xls, or an
	// Office file protected by a password.
	magicOLE = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Read reads a CSV or XLSX file. The format is detected from the content
// (an XLSX is a ZIP archive), not from the name; name is used only to word
// messages. sheet selects a workbook's sheet by name (case-insensitive); ""
// means the first visible sheet. CSV files ignore sheet.
//
// Errors about the file are *itinera.Error with code EINVALID; an error
// reading r is returned wrapped, as an internal error.
func Read(name string, r io.Reader, sheet string) (Table, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return Table{}, fmt.Errorf("sheet: read %q: %w", name, err)
	}
	if len(data) > MaxBytes {
		return Table{}, tooLarge()
	}
	if len(data) == 0 {
		return Table{}, itinera.Errorf(itinera.EINVALID, "The file is empty.")
	}
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(data, magicZIP), bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return ReadXLSX(data, sheet)
	case bytes.HasPrefix(data, magicOLE):
		return Table{}, oldWorkbook()
	case looksBinary(data):
		switch ext {
		case ".xlsx", ".xlsm":
			return Table{}, itinera.Errorf(itinera.EINVALID, "The file is named %s but is not an XLSX workbook; save it again from your spreadsheet program as .xlsx or as CSV.", ext)
		}
		return Table{}, itinera.Errorf(itinera.EINVALID, "The file is not a CSV or XLSX spreadsheet.")
	}
	return ReadCSV(data)
}

func oldWorkbook() error {
	return itinera.Errorf(itinera.EINVALID, "The file is an Excel 97-2003 workbook (.xls) or is protected by a password; save it as .xlsx without a password, or as CSV, and upload that.")
}

// looksBinary reports whether the start of data holds bytes no text file
// has: a NUL (outside UTF-16, which has a BOM) or another control character
// than tab, line ends, form feed and escape.
func looksBinary(data []byte) bool {
	if bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE) {
		return false
	}
	head := data[:min(len(data), 1024)]
	for _, b := range head {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1B {
			return true
		}
	}
	return false
}
