package app

import (
	"context"
	"embed"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
	"kintrace/cases/intake/sheet"
	"kintrace/cases/listmatch"
	"kintrace/cases/listmatch/listrecord"
	"kintrace/cases/patterns"
	"kintrace/cases/search"
)

//go:embed translations/listmatch
var listMatchTranslations embed.FS

func init() { registerTranslations(listMatchTranslations, "translations/listmatch") }

// listMatchView checks a published list (prisoners of war, a hospital's
// patients, the wounded, the dead) against every case: the list is pasted
// or opened (TXT one person a line; CSV or XLSX with its columns mapped),
// matched off the UI goroutine with progress and cancel, and shown best
// first, each line beside the case, for a person to mark "same person",
// "not the same" or "unsure". The confirmed pairs are recorded as "found
// on a list" events (listrecord), the status changed only if the person
// chooses, the list kept encrypted as an attachment or discarded. The list
// is never written anywhere but into the vault.
type listMatchView struct {
	host Host

	name, date, source *trackedEntry
	paste              *trackedEntry
	fileNote           *widget.Label
	columns            *fyne.Container
	status             *widget.Label
	matchBtn           *widget.Button
	dialog             dialog.Dialog

	// A file opened: its path, its table (CSV, XLSX) and mapping, or its
	// lines (TXT).
	path    string
	table   *listmatch.Table
	mapping listmatch.Mapping
	fields  []*widget.Select
	txt     []listmatch.Line

	lines []listmatch.Line // what was matched
	found []patterns.ListMatch
	// overviews of the cases found, by id
	overviews map[string]cases.Overview
	results   *listMatchResults
	progress  *progressDialog // of the last match
	err       error
	work      chan struct{} // closed when a match or a record ends (tests)
}

// lastListMatch is the list match on show (tests, the tour).
var lastListMatch *listMatchView

func showListMatch(h Host) *listMatchView {
	v := &listMatchView{host: h}
	lastListMatch = v
	v.name = hostEntry(h)
	v.name.SetPlaceHolder(lang.L("listmatch.name.hint"))
	v.date = hostEntry(h)
	v.date.SetPlaceHolder(lang.L("listmatch.date.hint"))
	v.source = hostEntry(h)
	v.source.SetPlaceHolder(lang.L("listmatch.source.hint"))
	v.paste = hostMultiLineEntry(h) // Tab moves on; Ctrl+Tab types a tab
	v.paste.SetPlaceHolder(lang.L("listmatch.paste.hint"))
	v.paste.Wrapping = fyne.TextWrapOff
	v.paste.SetMinRowsVisible(10)
	v.paste.OnChanged = func(string) {
		if v.path != "" {
			v.clearFile()
		}
	}
	v.fileNote = widget.NewLabel("")
	v.fileNote.Wrapping = fyne.TextWrapWord
	v.fileNote.Hide()
	v.columns = container.NewVBox()
	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapWord
	v.status.Hide()
	open := widget.NewButton(lang.L("listmatch.open"), func() {
		newOpenFile(h.Window(), v.openFile).show(h)
	})
	v.matchBtn = widget.NewButton(lang.L("listmatch.match"), v.runMatch)
	v.matchBtn.Importance = widget.HighImportance

	intro := widget.NewLabel(lang.L("listmatch.intro"))
	intro.Wrapping = fyne.TextWrapWord
	form := formGrid(
		formRow{lang.L("listmatch.name"), v.name},
		formRow{lang.L("listmatch.date"), v.date},
		formRow{lang.L("listmatch.source"), v.source},
	)
	body := container.NewVBox(intro, form, v.paste, container.NewHBox(open), v.fileNote, v.columns, v.status,
		container.NewHBox(v.matchBtn))
	v.dialog = dialog.NewCustom(lang.L("listmatch.title"), lang.L("listmatch.close"), container.NewVScroll(body), h.Window())
	size := h.Window().Canvas().Size()
	v.dialog.Resize(fyne.NewSize(min(size.Width-40, 1000), min(size.Height-40, 700)))
	h.ShowDialog(v.dialog, nil)
	return v
}

// openFile reads a chosen list file: a TXT into lines, a CSV or XLSX into
// a table whose columns the person may map.
func (v *listMatchView) openFile(path string) {
	v.clearFile()
	if listmatch.IsText(path) {
		lines, err := listmatch.ReadText(path)
		if err != nil {
			v.setStatus(sheetErrorMessage(err))
			return
		}
		v.path, v.txt = path, lines
		v.showFile(len(lines))
		return
	}
	t, err := listmatch.ReadTable(path)
	if err != nil {
		v.setStatus(sheetErrorMessage(err))
		return
	}
	v.path, v.table = path, t
	v.mapping = listmatch.DefaultMapping(t.Columns)
	if t.Header != nil {
		v.mapping = listmatch.GuessMapping(t.Header)
		for len(v.mapping) < t.Columns {
			v.mapping = append(v.mapping, listmatch.FieldText)
		}
	}
	v.showColumns()
	v.showFile(len(t.Rows))
}

func (v *listMatchView) showFile(n int) {
	setNote(v.fileNote, lang.L("listmatch.file", map[string]any{"File": filepath.Base(v.path), "N": n}))
	v.setStatus("")
}

func (v *listMatchView) clearFile() {
	v.path, v.table, v.txt, v.mapping, v.fields = "", nil, nil, nil, nil
	v.columns.RemoveAll()
	setNote(v.fileNote, "")
}

// listFieldKeys are the menu labels of a list column's fields.
var listFieldKeys = map[listmatch.Field]string{
	listmatch.FieldName: "listmatch.field.name", listmatch.FieldSurname: "listmatch.field.surname",
	listmatch.FieldFirstName: "listmatch.field.first_name", listmatch.FieldPatronymic: "listmatch.field.patronymic",
	listmatch.FieldBirth: "listmatch.field.birth", listmatch.FieldPlace: "listmatch.field.place",
	listmatch.FieldText: "listmatch.field.text", listmatch.FieldIgnore: "listmatch.field.ignore",
}

// showColumns shows a menu per column of the table, as guessed.
func (v *listMatchView) showColumns() {
	labels := make([]string, len(listmatch.AllFields))
	for i, f := range listmatch.AllFields {
		labels[i] = lang.L(listFieldKeys[f])
	}
	v.columns.Add(widget.NewLabelWithStyle(lang.L("listmatch.columns"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	var rows []formRow
	for i := range v.mapping {
		head := ""
		if v.table.Header != nil && i < len(v.table.Header) {
			head = v.table.Header[i]
		}
		if len(v.table.Rows) > 0 && i < len(v.table.Rows[0]) {
			if head != "" {
				head += ": "
			}
			head += v.table.Rows[0][i]
		}
		sel := widget.NewSelect(labels, nil)
		for j, f := range listmatch.AllFields {
			if f == v.mapping[i] {
				sel.SetSelectedIndex(j)
			}
		}
		sel.OnChanged = func(string) { v.mapping[i] = listmatch.AllFields[sel.SelectedIndex()] }
		v.fields = append(v.fields, sel)
		rows = append(rows, formRow{truncateRunes(sheet.ColumnName(i)+" — "+head, 60), sel})
	}
	v.columns.Add(formGrid(rows...))
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func (v *listMatchView) setStatus(s string) { setNote(v.status, s) }

// currentLines are the list's lines: the file's, or the pasted text's.
func (v *listMatchView) currentLines() []listmatch.Line {
	switch {
	case v.table != nil:
		return v.table.Lines(v.mapping)
	case v.txt != nil:
		return v.txt
	}
	return listmatch.ParseText(v.paste.Text)
}

// info is the list's name, date and source as typed; ok is false when
// the date cannot be read.
func (v *listMatchView) info() (listmatch.Info, bool) {
	info := listmatch.Info{Name: strings.TrimSpace(v.name.Text), Source: strings.TrimSpace(v.source.Text)}
	if info.Name == "" && v.path != "" {
		info.Name = strings.TrimSuffix(filepath.Base(v.path), filepath.Ext(v.path))
	}
	if s := strings.TrimSpace(v.date.Text); s != "" {
		d, err := cases.ParseLocalDate(s)
		if err != nil {
			return info, false
		}
		info.Date = d
	}
	return info, true
}

// runMatch matches the list against every case off the UI goroutine,
// with progress and cancel, then shows the results.
func (v *listMatchView) runMatch() {
	st := v.host.Store()
	if st == nil {
		return
	}
	if _, ok := v.info(); !ok {
		v.setStatus(lang.L("listmatch.err.date"))
		return
	}
	lines := v.currentLines()
	if len(lines) == 0 {
		v.setStatus(lang.L("listmatch.err.empty"))
		return
	}
	v.setStatus("")
	v.matchBtn.Disable()
	v.work = make(chan struct{})
	done := v.work
	ctx, stop := context.WithCancel(context.Background())
	p := newProgressDialog(v.host, lang.L("listmatch.title"), lang.L("listmatch.cancel"), stop)
	v.progress = p
	v.host.Go(func(hctx context.Context) {
		defer close(done)
		defer context.AfterFunc(hctx, stop)()
		defer stop()
		os := st.Search(search.Query{})
		found, err := listmatch.Match(ctx, lines, os, patterns.MatchOptions{
			Progress: func(d, t int) { p.report(int64(d), int64(t)) }})
		var saved *listmatch.Decisions
		if err == nil {
			saved, err = listrecord.LoadDecisions(ctx, st, listrecord.ListKey(lines))
		}
		p.close()
		fyne.Do(func() {
			v.matchBtn.Enable()
			v.err = err
			if err != nil {
				if ctx.Err() == nil {
					v.setStatus(errorMessage(err))
				}
				return
			}
			v.lines, v.found = lines, found
			v.overviews = map[string]cases.Overview{}
			for _, m := range found {
				v.overviews[m.Case.ID] = cases.Overview{}
			}
			for _, o := range os {
				if _, ok := v.overviews[o.ID]; ok {
					v.overviews[o.ID] = o
				}
			}
			v.results = showListMatchResults(v, saved)
		})
	})
}

// listBytes is the list as it came, to keep as an attachment: the file's
// bytes, or the pasted text; and its file name.
func (v *listMatchView) listBytes(info listmatch.Info) ([]byte, string, error) {
	if v.path != "" {
		data, err := os.ReadFile(v.path)
		return data, filepath.Base(v.path), err
	}
	name := info.Name
	if name == "" {
		name = lang.L("listmatch.attachment_name")
	}
	return []byte(v.paste.Text), safeFileName(name) + ".txt", nil
}

// safeFileName keeps letters, digits, spaces, dots and dashes.
func safeFileName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '/' || r == '\\' || r == ':' || r < 0x20:
			return '-'
		}
		return r
	}, strings.TrimSpace(s))
	return truncateRunes(s, 80)
}
