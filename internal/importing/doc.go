// Package importing knows the columns of the spreadsheets Itinera reads
// and writes: for each kind of record (visitors, interpreters, meetings,
// organizations, contacts, places, host households) the fields, the
// header names and synonyms officers use for them, how a cell becomes a
// field's value and how a value is written back. It matches a file's
// header row to fields and finds which existing record a row stands for.
//
// It is pure: no database, no HTTP. The application layer (internal/app)
// reads the file (internal/sheet), asks this package what each row means
// and applies the rows in one transaction with the same rules as every
// other change.
package importing
