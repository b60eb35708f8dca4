package app

import (
	"context"
	"embed"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
	"kintrace/cases/intake/sheet"
)

//go:embed translations/sheet
var sheetTranslations embed.FS

func init() { registerTranslations(sheetTranslations, "translations/sheet") }

// sheetImportView brings a spreadsheet of cases (CSV or XLSX) into the
// vault: choose the sheet, see the first rows, map each column to a case
// field (guessed from the headers in en/ru/uk), preview the cases with
// every row's problems, then import all of them in one transaction with
// progress.
type sheetImportView struct {
	host Host
	path string
	f    *sheet.File

	sheets  *widget.Select
	head    [][]string // the first rows of the chosen sheet
	header  int        // the header's index in head
	fields  []*widget.Select
	mapping sheet.Mapping
	columns *fyne.Container
	content *fyne.Container // the dialog's, laid out again when the columns change
	preview *widget.Label
	probs   *widget.Label
	dupes   *widget.Check // skip rows that look like cases already here
	start   *widget.Button
	dialog  dialog.Dialog

	result *sheet.Result
	skip   map[int]bool  // indexes of result.Cases that look like cases already here
	work   chan struct{} // closed when the preview or the import ends (tests)
	added  int
	err    error
}

// chooseSheetImport asks for a spreadsheet file.
func chooseSheetImport(h Host) {
	newOpenFile(h.Window(), func(path string) { openSheet(h, path) }).show(h)
}

// lastSheetImport is the spreadsheet import on show (tests).
var lastSheetImport *sheetImportView

func openSheet(h Host, path string) {
	f, err := sheet.Open(path)
	if err != nil {
		h.ShowDialog(dialog.NewInformation(lang.L("sheet.title"), sheetErrorMessage(err), h.Window()), nil)
		return
	}
	v := &sheetImportView{host: h, path: path, f: f}
	lastSheetImport = v
	v.show()
}

func (v *sheetImportView) show() {
	names := v.f.Sheets()
	v.sheets = widget.NewSelect(names, nil)
	v.columns = container.NewVBox()
	v.preview = widget.NewLabel("")
	v.preview.Wrapping = fyne.TextWrapWord
	v.probs = widget.NewLabel("")
	v.probs.Wrapping = fyne.TextWrapWord
	v.probs.Importance = widget.WarningImportance
	v.dupes = widget.NewCheck("", nil)
	v.dupes.SetChecked(true)
	v.dupes.Hide()
	v.start = widget.NewButton(lang.L("sheet.import"), v.runImport)
	v.start.Importance = widget.HighImportance
	v.start.Disable()
	check := widget.NewButton(lang.L("sheet.check"), v.runPreview)
	saveMap := widget.NewButton(lang.L("sheet.map.save"), v.saveMapping)
	loadMap := widget.NewButton(lang.L("sheet.map.load"), v.loadMapping)

	head := widget.NewLabel(lang.L("sheet.head", map[string]any{"File": filepath.Base(v.path)}))
	head.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(head)
	if len(names) > 1 {
		top.Add(labelled(lang.L("sheet.sheet"), v.sheets))
	}
	body := container.NewVBox(widget.NewLabelWithStyle(lang.L("sheet.mapping"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		v.columns, container.NewHBox(check, saveMap, loadMap), v.preview, v.probs, v.dupes, container.NewHBox(v.start))
	content := visualBorder(top, nil, nil, nil, container.NewVScroll(body))
	v.content = content
	v.dialog = dialog.NewCustom(lang.L("sheet.title"), lang.L("sheet.close"), content, v.host.Window())
	size := v.host.Window().Canvas().Size()
	v.dialog.Resize(fyne.NewSize(min(size.Width-40, 900), min(size.Height-40, 680)))
	v.host.ShowDialog(v.dialog, func() { v.f.Close() })
	v.sheets.OnChanged = func(string) { v.loadSheet() }
	v.sheets.SetSelectedIndex(0)
}

// loadSheet reads the chosen sheet's first rows and guesses the mapping.
func (v *sheetImportView) loadSheet() {
	head, err := v.f.Head(v.sheets.Selected, 20)
	v.columns.RemoveAll()
	v.fields = nil
	v.result = nil
	v.start.Disable()
	v.preview.SetText("")
	setNote(v.probs, "")
	if err != nil {
		v.preview.SetText(sheetErrorMessage(err))
		return
	}
	v.head = head
	v.header = sheet.HeaderIndex(head)
	if v.header < 0 || v.header >= len(head) {
		v.preview.SetText(lang.L("sheet.no_header"))
		return
	}
	header := head[v.header]
	v.mapping = sheet.Guess(header)
	labels := make([]string, len(sheet.AllFields))
	for i, f := range sheet.AllFields {
		labels[i] = lang.L(sheetFieldKeys[f])
	}
	for i, col := range v.mapping.Columns {
		sample := ""
		if v.header+1 < len(head) && col.Index < len(head[v.header+1]) {
			sample = head[v.header+1][col.Index]
		}
		name := widget.NewLabel(sheet.ColumnName(col.Index) + " · " + col.Header)
		name.Truncation = fyne.TextTruncateEllipsis
		ex := widget.NewLabel(sample)
		ex.Truncation = fyne.TextTruncateEllipsis
		ex.TextStyle.Italic = true
		sel := widget.NewSelect(labels, nil)
		for j, f := range sheet.AllFields {
			if f == col.Field {
				sel.SetSelectedIndex(j)
			}
		}
		i := i
		sel.OnChanged = func(string) {
			if j := sel.SelectedIndex(); j >= 0 {
				v.mapping.Columns[i].Field = sheet.AllFields[j]
			}
			v.result = nil
			v.start.Disable()
		}
		v.fields = append(v.fields, sel)
		v.columns.Add(container.NewGridWithColumns(3, name, ex, sel))
	}
	if v.content != nil {
		v.content.Refresh()
	}
}

// runPreview reads the whole sheet with the mapping, off the UI goroutine,
// and shows the first cases and every problem.
func (v *sheetImportView) runPreview() {
	m, name := v.mapping, v.sheets.Selected
	st := v.host.Store()
	if st == nil {
		return
	}
	v.work = make(chan struct{})
	done := v.work
	v.preview.SetText(lang.L("sheet.reading"))
	opt := sheet.Options{LastContactText: lang.L("sheet.last_contact_text"), Source: lang.L("sheet.source")}
	v.host.Go(func(ctx context.Context) {
		defer close(done)
		res, err := v.f.Read(ctx, name, m, opt)
		var dups *sheet.Duplicates
		if err == nil {
			dups, err = sheet.LikelyDuplicates(ctx, st, res.Cases, nil)
		}
		fyne.Do(func() {
			if err != nil {
				v.err = err
				v.preview.SetText(sheetErrorMessage(err))
				return
			}
			v.result = res
			v.showPreview(res, dups)
		})
	})
}

// showPreview says what the import will store.
func (v *sheetImportView) showPreview(res *sheet.Result, dups *sheet.Duplicates) {
	var b strings.Builder
	b.WriteString(lang.L("sheet.counts", map[string]any{"Cases": len(res.Cases), "Rows": res.Rows,
		"Empty": res.Empty, "Out": res.LeftOut, "Dup": len(dups.InVault)}))
	for i, c := range res.Cases {
		if i == 5 {
			break
		}
		b.WriteString("\n" + lang.L("sheet.row", map[string]any{"Row": res.CaseRows[i]}) + ": " + caseLine(c))
	}
	v.preview.SetText(b.String())
	var ps []string
	for i, p := range res.Problems {
		if i == 12 {
			ps = append(ps, lang.L("sheet.problems.more", map[string]any{"N": len(res.Problems) - 12}))
			break
		}
		ps = append(ps, sheetProblemLine(p))
	}
	setNote(v.probs, strings.Join(ps, "\n"))
	v.skip = map[int]bool{}
	for _, d := range dups.InVault {
		v.skip[d.Index] = true
	}
	if len(dups.InVault) == 0 {
		v.dupes.Hide()
	} else {
		v.dupes.SetText(lang.L("sheet.skip_dupes", map[string]any{"N": len(dups.InVault)}))
		v.dupes.Show()
	}
	if len(res.Cases) > 0 {
		v.start.Enable()
	}
}

// caseLine is a case of the preview: name, birth date, facility, status.
func caseLine(c cases.Case) string {
	parts := []string{c.Person.Name}
	if !c.Person.BirthDate.IsZero() {
		parts = append(parts, showDate(c.Person.BirthDate))
	}
	if c.Person.Facility != "" {
		parts = append(parts, c.Person.Facility)
	}
	parts = append(parts, statusLabel(c.Status))
	return strings.Join(parts, " · ")
}

// sheetProblemLine is one problem, translated, naming the row and column.
func sheetProblemLine(p sheet.Problem) string {
	where := lang.L("sheet.row", map[string]any{"Row": p.Row})
	if p.Column >= 0 {
		where = lang.L("sheet.cell", map[string]any{"Row": p.Row, "Column": sheet.ColumnName(p.Column), "Header": p.Header})
	}
	outcome := lang.L("sheet.kept")
	if !p.Kept {
		outcome = lang.L("sheet.left_out")
	}
	what := lang.L(sheetProblemKeys[p.Kind])
	if p.Value != "" {
		what += " «" + p.Value + "»"
	}
	return where + ": " + what + " — " + outcome
}

// runImport stores the previewed cases in one transaction, with progress.
func (v *sheetImportView) runImport() {
	st := v.host.Store()
	if st == nil || v.result == nil {
		return
	}
	var cs []cases.Case
	for i, c := range v.result.Cases {
		if v.dupes.Visible() && v.dupes.Checked && v.skip[i] {
			continue
		}
		cs = append(cs, c)
	}
	v.start.Disable()
	v.work = make(chan struct{})
	done := v.work
	ctx, stop := context.WithCancel(context.Background())
	p := newProgressDialog(v.host, lang.L("sheet.title"), lang.L("sheet.cancel"), stop)
	v.host.Go(func(hctx context.Context) {
		defer close(done)
		defer context.AfterFunc(hctx, stop)()
		defer stop()
		added, err := sheet.Import(ctx, st, cs, func(d, t int) { p.report(int64(d), int64(t)) })
		p.close()
		fyne.Do(func() {
			v.err = err
			if err != nil {
				if hctx.Err() == nil {
					v.preview.SetText(sheetErrorMessage(err))
					v.start.Enable()
				}
				return
			}
			v.added = len(added)
			v.dialog.Hide()
			v.host.Refresh()
			offerToDeleteFile(v.host, v.path, lang.L("sheet.done", map[string]any{"N": len(added)}))
		})
	})
}

// sheetErrorMessage says what is wrong with a spreadsheet, naming the row.
func sheetErrorMessage(err error) string {
	var se *sheet.SizeError
	var re *sheet.RowError
	switch {
	case errors.As(err, &se):
		return lang.L("sheet.err.too_large")
	case errors.As(err, &re):
		return lang.L("sheet.err.row", map[string]any{"Row": strconv.Itoa(re.Row)})
	case errors.Is(err, sheet.ErrTooManyRows):
		return lang.L("sheet.err.too_many_rows")
	case errors.Is(err, sheet.ErrFormat):
		return lang.L("sheet.err.format")
	}
	return errorMessage(err)
}

// sheetFieldKeys are the menu labels of the fields a column can fill.
var sheetFieldKeys = map[sheet.Field]string{
	sheet.FieldIgnore:           "sheet.field.ignore",
	sheet.FieldName:             "sheet.field.name",
	sheet.FieldSurname:          "sheet.field.surname",
	sheet.FieldFirstName:        "sheet.field.first_name",
	sheet.FieldPatronymic:       "sheet.field.patronymic",
	sheet.FieldAliases:          "sheet.field.aliases",
	sheet.FieldBirthDate:        "sheet.field.birth_date",
	sheet.FieldSex:              "sheet.field.sex",
	sheet.FieldFacility:         "sheet.field.facility",
	sheet.FieldRegion:           "sheet.field.region",
	sheet.FieldUnit:             "sheet.field.unit",
	sheet.FieldStatus:           "sheet.field.status",
	sheet.FieldPriority:         "sheet.field.priority",
	sheet.FieldTags:             "sheet.field.tags",
	sheet.FieldAssignedTo:       "sheet.field.assigned_to",
	sheet.FieldLastContact:      "sheet.field.last_contact",
	sheet.FieldPhone:            "sheet.field.phone",
	sheet.FieldReporterName:     "sheet.field.reporter_name",
	sheet.FieldReporterContact:  "sheet.field.reporter_contact",
	sheet.FieldReporterRelation: "sheet.field.reporter_relation",
	sheet.FieldNotes:            "sheet.field.notes",
}

// sheetProblemKeys are the messages of the kinds of problems.
var sheetProblemKeys = map[sheet.ProblemKind]string{
	sheet.ProblemNotADate:        "sheet.problem.not_a_date",
	sheet.ProblemUnknownStatus:   "sheet.problem.unknown_status",
	sheet.ProblemUnknownSex:      "sheet.problem.unknown_sex",
	sheet.ProblemUnknownPriority: "sheet.problem.unknown_priority",
	sheet.ProblemNotAPhone:       "sheet.problem.not_a_phone",
	sheet.ProblemExtraCells:      "sheet.problem.extra_cells",
	sheet.ProblemNoName:          "sheet.problem.no_name",
	sheet.ProblemInvalid:         "sheet.problem.invalid",
}

// saveMapping writes the column mapping to a file, to reuse for the next
// sheet of the same layout (as kintrace import sheet --map reads it).
func (v *sheetImportView) saveMapping() {
	c := newSaveFile(v.host.Window(), "kintrace-mapping.json", func(path string) {
		f, err := os.Create(path)
		if err == nil {
			err = sheet.WriteMapping(f, v.mapping)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			v.preview.SetText(errorMessage(err))
		}
	})
	c.show(v.host)
}

// loadMapping reads a saved mapping and applies it to this sheet's
// columns, matched by header (or by position where the header is not
// found).
func (v *sheetImportView) loadMapping() {
	newOpenFile(v.host.Window(), func(path string) { v.applyMappingFile(path) }).show(v.host)
}

func (v *sheetImportView) applyMappingFile(path string) {
	f, err := os.Open(path)
	if err != nil {
		v.preview.SetText(errorMessage(err))
		return
	}
	defer f.Close()
	m, err := sheet.ReadMapping(f)
	if err != nil {
		v.preview.SetText(lang.L("sheet.map.bad"))
		return
	}
	if v.header < 0 || v.header >= len(v.head) {
		return
	}
	resolved := m.Resolve(v.head[v.header])
	for i, col := range v.mapping.Columns {
		if col.Index >= len(resolved) || i >= len(v.fields) {
			continue
		}
		for j, f := range sheet.AllFields {
			if f == resolved[col.Index] {
				v.fields[i].SetSelectedIndex(j) // updates v.mapping
			}
		}
	}
}
