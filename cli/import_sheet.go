package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"fyne.io/fyne/v2/lang"

	"kintrace/cases"
	"kintrace/cases/intake/sheet"
	"kintrace/cases/vault"
)

// import sheet: a spreadsheet of cases (CSV or XLSX) into the vault. It
// prints the guessed (or loaded) mapping, a preview of the first cases and
// every problem, then stores all the cases in one transaction. Rows that
// look like cases already in the vault stop the import unless
// --skip-duplicates leaves them out or --allow-duplicates takes them too.
func init() {
	register(&command{name: "import sheet",
		usage:   "FILE [--sheet NAME] [--map FILE.json] [--save-map FILE.json] [--dry-run] [--skip-duplicates|--allow-duplicates] [--vault PATH]",
		summary: "cli.sheet.summary", run: importSheet})
}

// sheetPreview is how many cases the preview shows.
const sheetPreview = 5

// describeSheet turns the errors of reading a spreadsheet into sentences
// (see describe).
func describeSheet(err error) (string, bool) {
	var se *sheet.SizeError
	var re *sheet.RowError
	switch {
	case errors.As(err, &se):
		return lang.X("cli.sheet.err.too_large", "the file is {{.Size}} MB, more than a spreadsheet of cases can be ({{.Limit}} MB at most)",
			map[string]any{"Size": se.Size >> 20, "Limit": se.Limit >> 20}), true
	case errors.Is(err, sheet.ErrTooLarge):
		return lang.L("cli.sheet.err.unzips_too_large"), true
	case errors.Is(err, sheet.ErrTooManyRows):
		return lang.X("cli.sheet.err.too_many_rows", "the sheet has more than {{.Max}} rows", map[string]any{"Max": sheet.MaxRows}), true
	case errors.As(err, &re):
		return lang.X("cli.sheet.err.row", "row {{.Row}} cannot be read (a quote left open, or a damaged file)", map[string]any{"Row": re.Row}), true
	case errors.Is(err, sheet.ErrFormat):
		return lang.L("cli.sheet.err.format"), true
	case errors.Is(err, sheet.ErrNoSheet):
		return lang.L("cli.sheet.err.no_sheet"), true
	case errors.Is(err, sheet.ErrMapping):
		return lang.L("cli.sheet.err.mapping"), true
	case errors.Is(err, errSheetDuplicates):
		return lang.L("cli.sheet.err.duplicates"), true
	}
	return "", false
}

var errSheetDuplicates = errors.New("cli: rows look like cases already in the vault")

func importSheet(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("import sheet")
	sheetName := fs.String("sheet", "", "")
	mapFile := fs.String("map", "", "")
	saveMap := fs.String("save-map", "", "")
	dryRun := fs.Bool("dry-run", false, "")
	skipDups := fs.Bool("skip-duplicates", false, "")
	allowDups := fs.Bool("allow-duplicates", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{lang.L("cli.sheet.err.need_file")}
	}
	if *skipDups && *allowDups {
		return usageError{lang.L("cli.sheet.err.dup_flags")}
	}
	f, err := sheet.Open(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	name, err := pickSheet(e.stdout, f, *sheetName)
	if err != nil {
		return err
	}
	head, err := f.Head(name, 1)
	if err != nil {
		return err
	}
	if len(head) == 0 {
		fmt.Fprintln(e.stdout, lang.L("cli.sheet.empty"))
		return nil
	}
	var m sheet.Mapping // none: Read guesses it from the header it finds
	if *mapFile != "" {
		if m, err = loadMapping(*mapFile); err != nil {
			return err
		}
	}
	res, err := f.Read(e.ctx, name, m, sheet.Options{
		LastContactText: lang.L("cli.sheet.last_contact_text"),
		Source:          lang.L("cli.sheet.source"),
	})
	if err != nil {
		return err
	}
	if res.Above > 0 {
		fmt.Fprintln(e.stdout, lang.X("cli.sheet.header_row", "The header is row {{.Row}}; the rows above it are titles, not cases.", map[string]any{"Row": res.HeaderRow}))
	}
	printMapping(e.stdout, res, *mapFile != "")
	if *saveMap != "" {
		if err := saveMapping(*saveMap, res); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, lang.X("cli.sheet.map_saved", "Mapping saved to {{.Path}}.", map[string]any{"Path": printable(*saveMap)}))
	}
	printSheetResult(e.stdout, res)
	if *dryRun {
		fmt.Fprintln(e.stdout, lang.L("cli.sheet.dry_run"))
		return nil
	}
	if len(res.Cases) == 0 {
		fmt.Fprintln(e.stdout, lang.L("cli.sheet.nothing"))
		return nil
	}
	return e.withVault(vf, func(v *vault.Vault) error {
		return storeSheet(e, v, res, *skipDups, *allowDups)
	})
}

// pickSheet chooses the sheet to read: the one named, or the first, saying
// which when the workbook has several.
func pickSheet(w io.Writer, f *sheet.File, want string) (string, error) {
	names := f.Sheets()
	if f.Format() == sheet.FormatCSV {
		fmt.Fprintln(w, lang.X("cli.sheet.csv", "CSV file: encoding {{.Enc}}, delimiter {{.Delim}}.",
			map[string]any{"Enc": f.Encoding(), "Delim": delimName(f.Delimiter())}))
		if want != "" {
			return "", usageError{lang.L("cli.sheet.err.csv_sheet")}
		}
		return "", nil
	}
	for i := range names {
		names[i] = printable(names[i])
	}
	fmt.Fprintln(w, lang.X("cli.sheet.sheets", "Sheets: {{.Names}}.", map[string]any{"Names": strings.Join(names, ", ")}))
	if want == "" {
		want = f.Sheets()[0]
	}
	fmt.Fprintln(w, lang.X("cli.sheet.reading", "Reading sheet {{.Name}}.", map[string]any{"Name": printable(want)}))
	return want, nil
}

func delimName(r rune) string {
	switch r {
	case '\t':
		return lang.L("cli.sheet.delim.tab")
	case ';':
		return "\";\""
	}
	return "\",\""
}

func loadMapping(path string) (sheet.Mapping, error) {
	fl, err := os.Open(path)
	if err != nil {
		return sheet.Mapping{}, err
	}
	defer fl.Close()
	return sheet.ReadMapping(fl)
}

// saveMapping writes the mapping as resolved for this sheet.
func saveMapping(path string, res *sheet.Result) error {
	m := sheet.Mapping{Version: sheet.MappingVersion}
	for i, h := range res.Header {
		m.Columns = append(m.Columns, sheet.Column{Index: i, Header: h, Field: res.Fields[i]})
	}
	fl, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := sheet.WriteMapping(fl, m); err != nil {
		fl.Close()
		return err
	}
	return fl.Close()
}

// fieldLabel is the translated name of a mapping field.
func fieldLabel(f sheet.Field) string { return lang.L("cli.sheet.field." + string(f)) }

func printMapping(w io.Writer, res *sheet.Result, loaded bool) {
	if loaded {
		fmt.Fprintln(w, lang.L("cli.sheet.mapping_loaded"))
	} else {
		fmt.Fprintln(w, lang.L("cli.sheet.mapping_guessed"))
	}
	width := 0
	for _, h := range res.Header {
		width = max(width, len([]rune(printable(h))))
	}
	for i, h := range res.Header {
		h = printable(h)
		fmt.Fprintf(w, "  %-3s %s%s → %s\n", sheet.ColumnName(i), h, strings.Repeat(" ", width-len([]rune(h))), fieldLabel(res.Fields[i]))
	}
}

func printSheetResult(w io.Writer, res *sheet.Result) {
	fmt.Fprintln(w, lang.X("cli.sheet.counts", "Rows: {{.Rows}}; cases: {{.Cases}}, empty rows: {{.Empty}}, rows left out: {{.Left}}.",
		map[string]any{"Rows": res.Rows, "Cases": len(res.Cases), "Empty": res.Empty, "Left": res.LeftOut}))
	if n := min(sheetPreview, len(res.Cases)); n > 0 {
		fmt.Fprintln(w, lang.X("cli.sheet.preview", "The first {{.Count}} cases as they will be stored:", map[string]any{"Count": n}))
		for i, c := range res.Cases[:n] {
			fmt.Fprintf(w, "  %s\n", previewLine(res.CaseRows[i], c))
		}
	}
	if len(res.Problems) == 0 {
		fmt.Fprintln(w, lang.L("cli.sheet.no_problems"))
		return
	}
	fmt.Fprintln(w, lang.X("cli.sheet.problems", "Problems: {{.Count}}", map[string]any{"Count": len(res.Problems)}))
	for _, p := range res.Problems {
		fmt.Fprintf(w, "  %s\n", problemLine(p))
	}
}

// previewLine is one case of the preview: its row, name and what the
// sheet gave it.
func previewLine(row int, c cases.Case) string {
	parts := []string{printable(c.Person.Name)}
	if c.Person.BirthDate != "" {
		parts = append(parts, lang.X("cli.sheet.born", "born {{.Date}}", map[string]any{"Date": c.Person.BirthDate.Format(cases.DateDayFirst, nil)}))
	}
	for _, s := range []string{c.Person.Facility, c.Person.Unit, c.Person.Region} {
		if s != "" {
			parts = append(parts, printable(s))
		}
	}
	parts = append(parts, statusLabel(c.Status))
	for _, ev := range c.Events {
		parts = append(parts, lang.X("cli.sheet.last_contact", "last contact {{.Date}}", map[string]any{"Date": ev.Date.Format(cases.DateDayFirst, nil)}))
	}
	if len(c.Reporters) > 0 {
		parts = append(parts, lang.X("cli.sheet.reporter", "reported by {{.Name}}", map[string]any{"Name": printable(strings.TrimSpace(c.Reporters[0].Name + " " + c.Reporters[0].Relation))}))
	}
	if c.Notes != "" {
		parts = append(parts, lang.L("cli.sheet.has_notes"))
	}
	return lang.X("cli.sheet.row", "row {{.Row}}", map[string]any{"Row": row}) + ": " + strings.Join(parts, " · ")
}

// problemLine says what is wrong with a row or a cell, and what was done.
func problemLine(p sheet.Problem) string {
	where := lang.X("cli.sheet.row", "row {{.Row}}", map[string]any{"Row": p.Row})
	if p.Column >= 0 {
		where = lang.X("cli.sheet.row_column", "row {{.Row}}, column {{.Col}} \"{{.Header}}\"",
			map[string]any{"Row": p.Row, "Col": sheet.ColumnName(p.Column), "Header": printable(p.Header)})
	}
	what := lang.L("cli.sheet.problem." + string(p.Kind))
	if p.Value != "" {
		what += " \"" + printable(p.Value) + "\""
	}
	done := lang.L("cli.sheet.kept")
	if !p.Kept {
		done = lang.L("cli.sheet.left_out")
	}
	return where + ": " + what + " — " + done
}

// storeSheet checks the rows against the vault's cases and stores them.
func storeSheet(e *env, v *vault.Vault, res *sheet.Result, skip, allow bool) error {
	dups, err := sheet.LikelyDuplicates(e.ctx, v, res.Cases, nil)
	if err != nil {
		return err
	}
	rowOf := func(i int) string {
		return lang.X("cli.sheet.row", "row {{.Row}}", map[string]any{"Row": res.CaseRows[i]})
	}
	if len(dups.InSheet) > 0 {
		fmt.Fprintln(e.stdout, lang.X("cli.sheet.same_in_sheet", "Rows of this sheet that look like the same person (all are imported; merge them later if they are): {{.Count}}",
			map[string]any{"Count": len(dups.InSheet)}))
		for _, p := range dups.InSheet {
			fmt.Fprintf(e.stdout, "  %s, %s: %s / %s (%d%%)\n", rowOf(p.A), rowOf(p.B),
				printable(res.Cases[p.A].Person.Name), printable(res.Cases[p.B].Person.Name), p.Score)
		}
	}
	cs := res.Cases
	if len(dups.InVault) > 0 {
		fmt.Fprintln(e.stdout, lang.X("cli.sheet.duplicates", "Rows that look like cases you already have: {{.Count}}", map[string]any{"Count": len(dups.InVault)}))
		for _, d := range dups.InVault {
			o := d.Of[0].B
			fmt.Fprintf(e.stdout, "  %s: %s → %s %s (%d%%)\n", rowOf(d.Index),
				printable(res.Cases[d.Index].Person.Name), printable(o.Number), printable(o.Name), d.Of[0].Score)
		}
		switch {
		case skip:
			leave := map[int]bool{}
			for _, d := range dups.InVault {
				leave[d.Index] = true
			}
			cs = nil
			for i, c := range res.Cases {
				if !leave[i] {
					cs = append(cs, c)
				}
			}
			fmt.Fprintln(e.stdout, lang.X("cli.sheet.skipped", "Left out as likely duplicates: {{.Count}}.", map[string]any{"Count": len(dups.InVault)}))
		case !allow:
			return errSheetDuplicates
		}
	}
	if len(cs) == 0 {
		fmt.Fprintln(e.stdout, lang.L("cli.sheet.nothing"))
		return nil
	}
	added, err := sheet.Import(e.ctx, v, cs, nil)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, lang.X("cli.sheet.imported", "Imported {{.Count}} cases ({{.First}} … {{.Last}}).",
		map[string]any{"Count": len(added), "First": printable(added[0].Number), "Last": printable(added[len(added)-1].Number)}))
	return nil
}
