package app

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
	"kintrace/cases/pfif"
	"kintrace/cases/report"
	"kintrace/cases/search"
	"kintrace/cases/vault"
)

//go:embed translations/report/*.json
var reportTranslations embed.FS

func init() {
	registerTranslations(reportTranslations, "translations/report")
}

// docKind is a document the Export menu makes.
type docKind string

const (
	docCaseFile   docKind = "casefile"
	docSummary    docKind = "summary"
	docCaseList   docKind = "csv"
	docStatistics docKind = "stats"
	docPFIF       docKind = "pfif"
)

// title is the document's dialog title.
func (k docKind) title() string {
	return lang.L(map[docKind]string{
		docCaseFile:   "report.title.casefile",
		docSummary:    "report.title.summary",
		docCaseList:   "report.title.csv",
		docStatistics: "report.title.stats",
		docPFIF:       "report.title.pfif",
	}[k])
}

// Keys of the language and profile choices.
var (
	langKeys = map[report.Lang]string{report.English: "report.lang.en", report.Russian: "report.lang.ru",
		report.Ukrainian: "report.lang.uk"}
	profileKeys = map[cases.Redaction]string{cases.RedactNone: "report.profile.full",
		cases.RedactPublicOnly: "report.profile.public", cases.RedactReporterIdentity: "report.profile.no-reporters"}
)

func (k docKind) icon() fyne.Resource {
	switch k {
	case docCaseFile, docSummary:
		return themeIcon(theme.IconNameDocumentPrint)
	case docPFIF:
		return themeIcon(theme.IconNameUpload)
	}
	return themeIcon(theme.IconNameList)
}

// fileName is what the save dialog proposes.
func (k docKind) fileName(number string) string {
	switch k {
	case docCaseFile:
		if number != "" {
			return number + ".pdf"
		}
		return "kintrace-cases.pdf"
	case docSummary:
		return number + "-summary.pdf"
	case docCaseList:
		return "kintrace-cases.csv"
	case docStatistics:
		return "kintrace-statistics.csv"
	}
	return "kintrace-cases.pfif.xml"
}

// maxPFIFFile caps what an import reads (the decoder's own limit).
const maxPFIFFile = pfif.MaxDocument

// reportErrorMessage maps the errors of reports and PFIF to sentences;
// anything else goes to errorMessage.
func reportErrorMessage(err error) string {
	switch {
	case errors.Is(err, report.ErrNoCases):
		return lang.L("report.err.no_cases")
	case errors.Is(err, pfif.ErrVersion):
		return lang.L("report.err.pfif_version")
	case errors.Is(err, pfif.ErrTooLarge):
		return lang.L("report.err.pfif_too_large")
	case errors.Is(err, pfif.ErrInvalid), errors.Is(err, cases.ErrInvalid):
		return lang.L("report.err.pfif_invalid")
	case errors.Is(err, vault.ErrExists):
		return lang.L("report.err.exists")
	case errors.Is(err, context.Canceled):
		return lang.L("report.err.cancelled")
	}
	return errorMessage(err)
}

// desk context: what the user is looking at, when the host is the window.

// listQuery is the case list's current search and filters.
func listQuery(h Host) search.Query {
	if u, ok := h.(*UI); ok && u.desk != nil {
		q := u.desk.query
		q.Limit = 0
		return q
	}
	return search.Query{}
}

// openNumber is the number of the case open in the editor, if any.
func openNumber(h Host) string {
	if u, ok := h.(*UI); ok {
		if ed, ok := u.screen.(*editorScreen); ok {
			return ed.saved.Number
		}
	}
	return ""
}

// copyText puts text on the clipboard, cleared again after a while when
// the host is the window.
func copyText(h Host, text string) {
	if u, ok := h.(*UI); ok && u.clip != nil {
		u.copyToClipboard(text)
		return
	}
	fyne.CurrentApp().Clipboard().SetContent(text)
}

// reportForm is the dialog of one document: which cases, the language, the
// redaction profile or the columns, then Save.
type reportForm struct {
	host Host
	kind docKind

	scope    *widget.RadioGroup // ticked cases, current list or case numbers
	numbers  *trackedEntry
	count    *widget.Label
	language *widget.Select
	profile  *widget.Select
	columns  *widget.CheckGroup
	copyBtn  *widget.Button // summary only: copy as plain text
	dialog   dialog.Dialog

	// selected are the cases ticked in the case list when the form
	// opened; selectedScope is their scope's label ("" when none are)
	selected      []string
	selectedScope string

	// save runs the export to a chosen path; tests call it directly
	// instead of going through the file dialog.
	save func(path string)
	// work is the export running off the UI goroutine.
	work sync.WaitGroup
	// done receives the outcome for tests (nil: saved).
	done func(err error)
}

var docLangs = []report.Lang{report.English, report.Russian, report.Ukrainian}

func showReportForm(h Host, kind docKind) *reportForm {
	if h.Store() == nil {
		return nil
	}
	f := &reportForm{host: h, kind: kind}
	f.build()
	f.dialog = dialog.NewCustomConfirm(kind.title(), lang.L("report.save"), lang.L("report.cancel"),
		newPaddedVScroll(f.content()), func(ok bool) {
			if ok {
				f.chooseFile()
			}
		}, h.Window())
	f.dialog.Resize(fyne.NewSize(560, 560))
	showHostDialog(h, f.dialog, nil)
	return f
}

func (f *reportForm) build() {
	f.numbers = hostEntry(f.host)
	f.numbers.SetPlaceHolder("KT-…")
	f.numbers.OnChanged = func(string) { f.updateCount() }
	f.count = widget.NewLabel("")
	list, numbers := lang.L("report.scope.list"), lang.L("report.scope.numbers")
	scopes := []string{list, numbers}
	if f.selected = selectedCases(f.host); len(f.selected) > 0 && f.kind != docSummary {
		f.selectedScope = lang.L("report.scope.selected", map[string]any{"N": len(f.selected)})
		scopes = append([]string{f.selectedScope}, scopes...)
	}
	f.scope = widget.NewRadioGroup(scopes, func(s string) {
		if s == numbers {
			f.numbers.Enable()
		} else {
			f.numbers.Disable()
		}
		f.updateCount()
	})
	switch n := openNumber(f.host); {
	case f.kind == docSummary:
		// One case: the one open in the editor, or the one ticked in
		// the list, else typed in.
		if n == "" && len(f.selected) == 1 {
			n = f.selectedNumber()
		}
		f.scope = widget.NewRadioGroup([]string{numbers}, nil)
		f.numbers.SetText(n)
		f.scope.SetSelected(numbers)
	case n != "" && f.kind == docCaseFile:
		f.numbers.SetText(n)
		f.scope.SetSelected(numbers)
	default:
		f.scope.SetSelected(scopes[0]) // the selection, when there is one, else the list
	}
	var langs []string
	for _, l := range docLangs {
		langs = append(langs, lang.L(langKeys[l]))
	}
	f.language = widget.NewSelect(langs, nil)
	cur, _ := report.ParseLang(currentLanguage())
	for i, l := range docLangs {
		if l == cur {
			f.language.SetSelectedIndex(i)
		}
	}
	var profiles []string
	for _, p := range report.Redactions {
		profiles = append(profiles, lang.L(profileKeys[p]))
	}
	f.profile = widget.NewSelect(profiles, nil)
	def := cases.RedactPublicOnly
	if f.kind == docPFIF {
		def = cases.RedactReporterIdentity
	}
	for i, p := range report.Redactions {
		if p == def {
			f.profile.SetSelectedIndex(i)
		}
	}
	t := report.LabelsFor(cur)
	var cols []string
	for _, c := range report.AllColumns {
		cols = append(cols, c.Label(t))
	}
	f.columns = widget.NewCheckGroup(cols, nil)
	for _, c := range report.DefaultColumns {
		f.columns.SetSelected(append(f.columns.Selected, c.Label(t)))
	}
	f.copyBtn = widget.NewButtonWithIcon(lang.L("report.copy_text"), theme.ContentCopyIcon(), f.copySummary)
	f.save = f.export
	f.updateCount()
}

func (f *reportForm) content() fyne.CanvasObject {
	bold := func(key string) *widget.Label {
		return widget.NewLabelWithStyle(lang.L(key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	hint := func(key string) *widget.Label {
		l := widget.NewLabel(lang.L(key))
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	box := container.NewVBox()
	switch f.kind {
	case docStatistics:
	case docSummary:
		box.Add(bold("report.summary.case"))
		box.Add(f.numbers)
	default:
		box.Add(bold("report.which"))
		box.Add(f.scope)
		box.Add(f.numbers)
		box.Add(f.count)
	}
	box.Add(bold("report.language"))
	box.Add(f.language)
	switch f.kind {
	case docCaseFile, docSummary, docPFIF:
		box.Add(bold("report.redaction"))
		box.Add(f.profile)
	case docCaseList:
		box.Add(bold("report.columns"))
		box.Add(f.columns)
	case docStatistics:
		box.Add(hint("report.stats.hint"))
	}
	if f.kind == docPFIF {
		box.Add(hint("report.pfif.hint"))
	}
	if f.kind == docSummary {
		box.Add(hint("report.summary.hint"))
		box.Add(f.copyBtn)
	}
	box.Add(hint("report.unencrypted"))
	return box
}

// caseRefs are the ids or numbers of the chosen cases.
func (f *reportForm) caseRefs() []string {
	v := f.host.Store()
	if v == nil {
		return nil
	}
	if f.kind != docStatistics && f.selectedScope != "" && f.scope.Selected == f.selectedScope {
		return f.selected
	}
	if f.kind == docStatistics || f.scope.Selected == lang.L("report.scope.list") {
		q := listQuery(f.host)
		if f.kind == docStatistics {
			q = search.Query{}
		}
		var ids []string
		for _, o := range v.Search(q) {
			ids = append(ids, o.ID)
		}
		return ids
	}
	return strings.FieldsFunc(f.numbers.Text, func(r rune) bool { return r == ',' || r == ' ' || r == ';' || r == '\n' })
}

// selectedNumber is the case number of the only ticked case.
func (f *reportForm) selectedNumber() string {
	if v := f.host.Store(); v != nil && len(f.selected) == 1 {
		if o, ok := v.Index().Get(f.selected[0]); ok {
			return o.Number
		}
	}
	return ""
}

func (f *reportForm) updateCount() {
	if f.count == nil || f.scope == nil {
		return
	}
	f.count.SetText(lang.X("report.count", "Cases chosen: {{.N}}", map[string]any{"N": len(f.caseRefs())}))
}

func (f *reportForm) options() report.Options {
	return report.Options{Lang: docLangs[max(0, f.language.SelectedIndex())],
		Profile: report.Redactions[max(0, f.profile.SelectedIndex())]}
}

// chosenColumns are the checked columns; the check group's options are
// index-aligned with report.AllColumns.
func (f *reportForm) chosenColumns() []report.Column {
	var cols []report.Column
	for i, c := range report.AllColumns {
		if slices.Contains(f.columns.Selected, f.columns.Options[i]) {
			cols = append(cols, c)
		}
	}
	return cols
}

func (f *reportForm) chooseFile() {
	refs := f.caseRefs()
	if f.kind == docSummary && len(refs) != 1 {
		dialog.ShowInformation(lang.L("report.title.summary"), lang.L("report.err.one_case"), f.host.Window())
		return
	}
	number := ""
	if len(refs) == 1 {
		if c, err := f.host.Store().Get(context.Background(), refs[0]); err == nil {
			number = c.Number
		}
	}
	d := newSaveFile(f.host.Window(), f.kind.fileName(number), f.save)
	d.show(f.host)
}

// export writes the document off the UI goroutine, with progress and
// cancel, and reports back through fyne.Do.
func (f *reportForm) export(path string) {
	v := f.host.Store()
	if v == nil {
		return
	}
	// Read the form here, on the UI goroutine.
	refs := f.caseRefs()
	opt := f.options()
	cols := f.chosenColumns()
	query := listQuery(f.host)
	whole := f.scope.Selected == lang.L("report.scope.list")
	ctx, stop := context.WithCancel(context.Background())
	p := newProgressDialog(f.host, f.kind.title(), lang.L("report.cancel"), stop)
	f.work.Add(1)
	f.host.Go(func(hctx context.Context) {
		defer f.work.Done()
		defer context.AfterFunc(hctx, stop)()
		defer stop()
		err := f.produce(ctx, v, path, refs, whole, query, cols, opt, p.report)
		p.close()
		fyne.Do(func() {
			if f.done != nil {
				f.done(err)
			}
			if err != nil {
				dialog.ShowError(errors.New(reportErrorMessage(err)), f.host.Window())
				return
			}
			dialog.ShowInformation(f.kind.title(),
				lang.X("report.done", "Saved {{.File}}.", map[string]any{"File": path}), f.host.Window())
		})
	})
}

// produce makes the document and writes it to path. Reading the cases is
// the first half of the progress, laying them out the second.
func (f *reportForm) produce(ctx context.Context, v *vault.Vault, path string, refs []string, whole bool,
	query search.Query, cols []report.Column, opt report.Options, progress func(done, total int64)) error {
	half := func(offset int) func(done, total int) {
		return func(done, total int) { progress(int64(offset*total+done), int64(2*total)) }
	}
	var buf bytes.Buffer
	switch f.kind {
	case docCaseList:
		if whole {
			list := v.Search(query)
			opt.Progress = half(1)
			if err := report.CaseList(&buf, list, cols, opt); err != nil {
				return err
			}
			break
		}
		var list []cases.Overview
		cs, err := report.Load(ctx, v, refs, half(0))
		if err != nil {
			return err
		}
		for _, c := range cs {
			list = append(list, c.Overview())
		}
		if err := report.CaseList(&buf, list, cols, opt); err != nil {
			return err
		}
	case docStatistics:
		opt.Progress = half(1)
		if err := report.Statistics(&buf, v.Search(search.Query{}), report.StatsOptions{Options: opt}); err != nil {
			return err
		}
	default:
		if len(refs) == 0 {
			return report.ErrNoCases
		}
		cs, err := report.Load(ctx, v, refs, half(0))
		if err != nil {
			return err
		}
		opt.Progress = half(1)
		switch f.kind {
		case docCaseFile:
			err = report.CaseFile(ctx, &buf, cs, opt)
		case docSummary:
			err = report.SummaryPDF(&buf, cs[0], opt)
		case docPFIF:
			err = pfif.Export(ctx, &buf, cs, pfif.ExportOptions{Lang: opt.Lang, Profile: opt.Profile,
				Progress: opt.Progress})
		}
		if err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return writePrivate(path, buf.Bytes())
}

// writePrivate writes data to path readable by its owner only: the
// document holds case data in the clear.
func writePrivate(path string, data []byte) error {
	fh, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := fh.Chmod(0o600); err != nil {
		fh.Close()
		return err
	}
	_, err = fh.Write(data)
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("report: saving: %w", err)
	}
	return nil
}

// copySummary copies the submission summary as plain text, for pasting into
// a web form.
func (f *reportForm) copySummary() {
	refs := f.caseRefs()
	v := f.host.Store()
	if v == nil {
		return
	}
	if len(refs) != 1 {
		dialog.ShowInformation(lang.L("report.title.summary"), lang.L("report.err.one_case"), f.host.Window())
		return
	}
	c, err := v.Get(context.Background(), refs[0])
	if err != nil {
		dialog.ShowError(errors.New(reportErrorMessage(err)), f.host.Window())
		return
	}
	var b strings.Builder
	if err := report.SummaryText(&b, c, f.options()); err != nil {
		dialog.ShowError(errors.New(reportErrorMessage(err)), f.host.Window())
		return
	}
	copyText(f.host, b.String())
	dialog.ShowInformation(lang.L("report.title.summary"), lang.L("report.copied"), f.host.Window())
}

// pfifImport reads a PFIF file, shows how many cases it holds, and adds
// them on confirmation.
type pfifImport struct {
	host    Host
	cases   []cases.Case
	confirm dialog.Dialog
	work    sync.WaitGroup
	done    func(n int, err error) // for tests
}

func choosePFIFImport(h Host) {
	if h.Store() == nil {
		return
	}
	d := newOpenFile(h.Window(), func(path string) {
		r, err := os.Open(path)
		if err != nil {
			dialog.ShowError(errors.New(reportErrorMessage(err)), h.Window())
			return
		}
		defer r.Close()
		data, err := io.ReadAll(io.LimitReader(r, maxPFIFFile+1))
		if err != nil {
			dialog.ShowError(errors.New(reportErrorMessage(err)), h.Window())
			return
		}
		startPFIFImport(h, data, nil)
	})
	showHostDialog(h, d.dialog, nil)
}

// startPFIFImport decodes data off the UI goroutine, then asks to import;
// done, if set, receives the outcome (tests use it).
func startPFIFImport(h Host, data []byte, done func(n int, err error)) *pfifImport {
	im := &pfifImport{host: h, done: done}
	cur, _ := report.ParseLang(currentLanguage())
	im.work.Add(1)
	h.Go(func(context.Context) {
		defer im.work.Done()
		cs, err := pfif.Decode(bytes.NewReader(data), pfif.ImportOptions{Lang: cur})
		fyne.Do(func() {
			if err != nil {
				im.finish(0, err)
				return
			}
			im.cases = cs
			im.confirm = dialog.NewConfirm(lang.L("report.title.pfif_import"),
				plural("count.pfif_confirm", len(cs), map[string]any{"N": len(cs)}),
				func(ok bool) {
					if ok {
						im.add()
					}
				}, h.Window())
			showHostDialog(h, im.confirm, nil)
		})
	})
	return im
}

// add stores the decoded cases in one transaction off the UI goroutine.
func (im *pfifImport) add() {
	v := im.host.Store()
	if v == nil {
		return
	}
	cs := im.cases
	im.work.Add(1)
	im.host.Go(func(ctx context.Context) {
		defer im.work.Done()
		added, err := v.AddAll(ctx, cs)
		fyne.Do(func() {
			if err == nil {
				im.host.Refresh()
			}
			im.finish(len(added), err)
		})
	})
}

func (im *pfifImport) finish(n int, err error) {
	if im.done != nil {
		im.done(n, err)
	}
	if err != nil {
		dialog.ShowError(errors.New(reportErrorMessage(err)), im.host.Window())
		return
	}
	dialog.ShowInformation(lang.L("report.title.pfif_import"),
		plural("count.pfif_imported", n, map[string]any{"N": n}), im.host.Window())
}
