// Package sheet reads the case lists advocates already keep in
// spreadsheets — a CSV as Russian Excel saves it (Windows-1251, ";",
// CRLF) or an XLSX workbook — and turns each row into a cases.Case, with a
// list of the problems found in rows and cells.
//
// The steps, as the GUI wizard and the CLI take them:
//
//	f, err := sheet.Open(path)               // format, encoding, delimiter; size caps
//	names := f.Sheets()                      // one "" for a CSV
//	head, err := f.Head(name, 20)            // the first rows as text
//	h := sheet.HeaderIndex(head)             // the header, below any title rows
//	m := sheet.Guess(head[h])                // the mapping guessed from it; the user edits it
//	res, err := f.Read(ctx, name, m, opt)    // every row: Cases, Problems, counts;
//	                                         // opt.Progress, opt.Limit for a quick preview
//	dup, err := sheet.LikelyDuplicates(ctx, v, res.Cases, nil) // in the vault, within the sheet
//	added, err := sheet.Import(ctx, v, res.Cases, func(done, total int) {…})
//
// Nothing is dropped: a cell that cannot be read into its field (a date
// that is not one, an unknown status) goes into the case's notes as
// "<column>: <value>" and is listed as a Problem; a row without a name is
// not a case and is listed as a Problem; empty rows are counted.
//
// The package reads the file where it lies and writes nothing: no temp
// files (excelize is told to keep the workbook in memory, within
// MaxUnzipped), no logs. Problems carry cell values, which are case
// plaintext: show them, never log them. Errors name rows and columns by
// number only.
package sheet
