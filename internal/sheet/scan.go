package sheet

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// cellMeta is what a worksheet says of a cell besides its value: its style,
// its type, whether it holds a formula and whether a value was saved.
type cellMeta struct {
	style   int
	typ     string
	formula bool
	value   bool
}

// sheetMeta is the cell metadata of one worksheet, read in one pass over its
// XML. excelize answers the same per cell, but each answer scans the row,
// which makes wide sheets quadratic.
type sheetMeta struct {
	cells  map[[2]int]cellMeta // by column, row; only cells whose text depends on more than their raw value
	merges []string            // merged ranges, "A1:C1"
	// spread is how many cells excelize's GetRows returns: each row up to
	// its last cell with a value or formula.
	spread int
}

// needed reports whether a cell's text needs its metadata: a number,
// boolean or date (by its type and style), or a formula with no saved value.
func (m cellMeta) needed() bool {
	if !m.value {
		return m.formula
	}
	switch m.typ {
	case "", "n", "b", "d":
		return true
	}
	return false
}

// worksheetPart returns the ZIP entry of the worksheet named sheet, following
// the workbook's relationships as excelize does, or nil.
func worksheetPart(zr *zip.Reader, sheet string) *zip.File {
	files := map[string]*zip.File{}
	for _, zf := range zr.File {
		files[strings.ToLower(strings.ReplaceAll(zf.Name, `\`, "/"))] = zf
	}
	var wb struct {
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if !unmarshalPart(files["xl/workbook.xml"], &wb) || !unmarshalPart(files["xl/_rels/workbook.xml.rels"], &rels) {
		return nil
	}
	for _, s := range wb.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, a := range s.Attrs {
			if a.Name.Local != "id" || a.Name.Space == "" {
				continue
			}
			for _, r := range rels.Rels {
				if r.ID != a.Value {
					continue
				}
				target := strings.ReplaceAll(r.Target, `\`, "/")
				if strings.HasPrefix(target, "/") {
					target = target[1:]
				} else {
					target = path.Join("xl", target)
				}
				return files[strings.ToLower(target)]
			}
		}
	}
	return nil
}

func unmarshalPart(zf *zip.File, v any) bool {
	if zf == nil {
		return false
	}
	rc, err := zf.Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v) == nil
}

// scanSheet reads the cell metadata and merged ranges of a worksheet part,
// numbering rows and columns as excelize's GetRows does: from the r
// attributes, or one after the previous when they are missing.
func scanSheet(zf *zip.File) (sheetMeta, error) {
	meta := sheetMeta{cells: map[[2]int]cellMeta{}}
	rc, err := zf.Open()
	if err != nil {
		return meta, err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	row, col, rowEnd := 0, 0, 0
	var cell cellMeta
	inCell := false
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			meta.spread += rowEnd
			return meta, nil
		}
		if err != nil {
			return meta, err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "row":
				meta.spread += rowEnd
				rowEnd = 0
				if n, err := strconv.Atoi(attr(el, "r")); err == nil && n > 0 {
					row = n
				} else {
					row++
				}
				col = 0
			case "c":
				col++
				cell, inCell = cellMeta{}, true
				for _, a := range el.Attr {
					switch a.Name.Local {
					case "r":
						if c, _, err := excelize.CellNameToCoordinates(a.Value); err == nil {
							col = c
						}
					case "s":
						cell.style, _ = strconv.Atoi(a.Value)
					case "t":
						cell.typ = a.Value
					}
				}
			case "f":
				cell.formula = true
			case "v", "is":
				cell.value = true
			case "mergeCell":
				if ref := attr(el, "ref"); ref != "" {
					meta.merges = append(meta.merges, ref)
				}
			}
		case xml.EndElement:
			if el.Name.Local == "c" && inCell {
				inCell = false
				if cell.value || cell.formula {
					rowEnd = max(rowEnd, col)
				}
				// Beyond the widest header a value only needs to be seen.
				if cell.needed() && col <= MaxColumns+1 {
					meta.cells[[2]int{col, row}] = cell
				}
			}
		}
	}
}

func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
