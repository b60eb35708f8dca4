package app

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
	"kintrace/cases/letter"
	"kintrace/cases/vault"
)

//go:embed translations/letter/*.json
var letterTranslations embed.FS

func init() {
	registerTranslations(letterTranslations, "translations/letter")
}

// Keys of the authority kinds, the languages and the profiles of letters.
var (
	letterKindKeys = map[letter.Kind]string{
		letter.PrisonService:          "letter.kind.prison_service",
		letter.MilitaryProsecutor:     "letter.kind.military_prosecutor",
		letter.MilitaryUnit:           "letter.kind.military_unit",
		letter.DefenceMinistry:        "letter.kind.defence_ministry",
		letter.InvestigativeCommittee: "letter.kind.investigative_committee",
		letter.Ombudsperson:           "letter.kind.ombudsperson",
		letter.ICRC:                   "letter.kind.icrc",
		letter.Hospital:               "letter.kind.hospital",
		letter.Court:                  "letter.kind.court",
		letter.Other:                  "letter.kind.other",
	}
	letterLangKeys = map[letter.Lang]string{letter.Russian: "letter.lang.ru", letter.Ukrainian: "letter.lang.uk",
		letter.English: "letter.lang.en"}
	// letterProfiles are the profile menu's entries, safest first.
	letterProfiles    = []cases.Redaction{cases.RedactPublicOnly, cases.RedactNone, cases.RedactReporterIdentity}
	letterProfileKeys = map[cases.Redaction]string{
		cases.RedactPublicOnly:       "letter.profile.public",
		cases.RedactNone:             "letter.profile.full",
		cases.RedactReporterIdentity: "letter.profile.none",
	}
)

// letterDialog drafts a request letter about one case: to whom, in which
// language, what is asked, whom it names; the text shown as it will read;
// the template of the kind editable (kept sealed in the vault); saved as
// PDF, ODT or text through the app's file chooser.
type letterDialog struct {
	host Host
	c    cases.Case

	kind, language, profile *widget.Select
	authority, place        *trackedEntry
	ask                     *trackedEntry
	preview                 *widget.Label
	problem                 *widget.Label
	editTemplate            *widget.Button
	savePDF, saveODT        *widget.Button
	saveText                *widget.Button
	dialog                  *dialog.CustomDialog
	editor                  *templateEditor

	// custom is the user's template for the chosen kind and language (nil:
	// the default).
	custom *letter.Template
	// current is the letter as the preview shows it (nil when it could not
	// be rendered).
	current *letter.Letter

	// save writes the current letter to path; tests call it directly
	// instead of going through the file chooser.
	save func(path string, f letter.Format)
	work sync.WaitGroup
	// done receives the outcome of a save, for tests (nil: saved).
	done func(err error)
}

// showLetterDialog opens the letter dialog for the case caseID, addressed
// to an authority of kind ("" lets the user choose; the prison service is
// chosen first). The Requests tab calls it with the request's kind.
func showLetterDialog(h Host, caseID string, kind letter.Kind) *letterDialog {
	v := h.Store()
	if v == nil {
		return nil
	}
	c, err := v.Get(context.Background(), caseID)
	if err != nil {
		dialog.ShowError(errors.New(errorMessage(err)), h.Window())
		return nil
	}
	d := &letterDialog{host: h, c: c}
	d.save = d.write
	d.build(kind)
	d.dialog = dialog.NewCustom(lang.L("letter.title"), lang.L("letter.close"), d.content(), h.Window())
	d.dialog.Resize(fyne.NewSize(960, 680))
	showHostDialog(h, d.dialog, nil)
	return d
}

// draftLetterAction opens the letter dialog for the case open in the
// editor, else the only case ticked in the list.
func draftLetterAction(h Host) {
	id := ""
	if u, ok := h.(*UI); ok {
		if ed, ok := u.screen.(*editorScreen); ok {
			id = ed.saved.ID
		}
	}
	if sel := h.SelectedCases(); id == "" && len(sel) == 1 {
		id = sel[0]
	}
	if id == "" {
		dialog.ShowInformation(lang.L("letter.title"), lang.L("letter.err.one_case"), h.Window())
		return
	}
	showLetterDialog(h, id, "")
}

// letterButton is the case editor's "Draft letter…" button.
func (e *editorScreen) letterButton() *widget.Button {
	return widget.NewButtonWithIcon(lang.L("letter.action"), theme.MailComposeIcon(), func() {
		e.ui.touch()
		if e.saved.ID == "" {
			dialog.ShowInformation(lang.L("letter.title"), lang.L("letter.err.save_first"), e.ui.win)
			return
		}
		showLetterDialog(e.ui, e.saved.ID, "")
	})
}

func (d *letterDialog) build(kind letter.Kind) {
	var kinds []string
	for _, k := range letter.Kinds {
		kinds = append(kinds, lang.L(letterKindKeys[k]))
	}
	d.kind = widget.NewSelect(kinds, nil)
	var langs []string
	for _, l := range letter.Langs {
		langs = append(langs, lang.L(letterLangKeys[l]))
	}
	d.language = widget.NewSelect(langs, nil)
	var profiles []string
	for _, p := range letterProfiles {
		profiles = append(profiles, lang.L(letterProfileKeys[p]))
	}
	d.profile = widget.NewSelect(profiles, nil)
	d.authority = hostEntry(d.host)
	d.authority.SetPlaceHolder(lang.L("letter.authority.placeholder"))
	d.place = hostEntry(d.host)
	d.place.SetPlaceHolder(lang.L("letter.place.placeholder"))
	d.ask = hostMultiLineEntry(d.host)
	d.ask.SetMinRowsVisible(3)
	d.ask.SetPlaceHolder(lang.L("letter.ask.placeholder"))
	d.preview = widget.NewLabel("")
	d.preview.Wrapping = fyne.TextWrapWord
	d.problem = widget.NewLabel("")
	d.problem.Importance = widget.DangerImportance
	d.problem.Wrapping = fyne.TextWrapWord
	d.problem.Hide()
	d.editTemplate = widget.NewButtonWithIcon(lang.L("letter.template.edit"), theme.DocumentCreateIcon(), d.openTemplateEditor)
	d.savePDF = widget.NewButtonWithIcon(lang.L("letter.save.pdf"), theme.DocumentSaveIcon(), func() { d.chooseFile(letter.PDF) })
	d.savePDF.Importance = widget.HighImportance
	d.saveODT = widget.NewButtonWithIcon(lang.L("letter.save.odt"), theme.DocumentSaveIcon(), func() { d.chooseFile(letter.ODT) })
	d.saveText = widget.NewButtonWithIcon(lang.L("letter.save.text"), theme.DocumentSaveIcon(), func() { d.chooseFile(letter.Text) })

	if kind == "" {
		kind = letter.PrisonService
	}
	for i, k := range letter.Kinds {
		if k == kind {
			d.kind.SetSelectedIndex(i)
		}
	}
	cur, err := letter.ParseLang(currentLanguage())
	if err != nil {
		cur = letter.English
	}
	for i, l := range letter.Langs {
		if l == cur {
			d.language.SetSelectedIndex(i)
		}
	}
	d.profile.SetSelectedIndex(0)
	d.loadTemplate()
	// Set the callbacks last, so that building fires none of them.
	d.kind.OnChanged = func(string) { d.loadTemplate(); d.refresh() }
	d.language.OnChanged = func(string) { d.loadTemplate(); d.refresh() }
	d.profile.OnChanged = func(string) { d.refresh() }
	d.authority.OnChanged = func(string) { d.refresh() }
	d.place.OnChanged = func(string) { d.refresh() }
	d.ask.OnChanged = func(string) { d.refresh() }
	d.refresh()
}

func (d *letterDialog) content() fyne.CanvasObject {
	bold := func(key string) *widget.Label {
		return widget.NewLabelWithStyle(lang.L(key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	hint := widget.NewLabel(lang.L("letter.hint"))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	form := container.NewVBox(
		bold("letter.kind"), d.kind,
		bold("letter.authority"), d.authority,
		bold("letter.language"), d.language,
		bold("letter.applicant"), d.profile,
		bold("letter.ask"), d.ask,
		bold("letter.place"), d.place,
		d.editTemplate,
		hint,
	)
	left := newPaddedVScroll(form)
	previewBox := container.NewVScroll(container.NewPadded(d.preview))
	right := visualBorder(container.NewVBox(bold("letter.preview"), d.problem),
		container.NewHBox(d.savePDF, d.saveODT, d.saveText), nil, nil, previewBox)
	split := container.NewHSplit(left, right)
	split.Offset = 0.38
	return split
}

// chosen are the kind and language the menus show.
func (d *letterDialog) chosen() (letter.Kind, letter.Lang) {
	return letter.Kinds[max(0, d.kind.SelectedIndex())], letter.Langs[max(0, d.language.SelectedIndex())]
}

// loadTemplate reads the user's template for the chosen kind and language
// from the vault; nil when there is none or it no longer parses (the
// problem line says so).
func (d *letterDialog) loadTemplate() {
	d.custom = nil
	v := d.host.Store()
	if v == nil {
		return
	}
	k, l := d.chosen()
	src, err := v.Template(context.Background(), string(k), string(l))
	if err != nil {
		return // none saved (ErrNotFound) or unreadable: the default applies
	}
	if d.custom, err = letter.Parse(src); err != nil {
		d.custom = nil
	}
}

// input is the letter's input from the case and the form.
func (d *letterDialog) input() letter.Input {
	k, l := d.chosen()
	return letter.FromCase(&d.c, letter.Options{Kind: k, Lang: l, Authority: d.authority.Text, Ask: d.ask.Text,
		Place: d.place.Text, Profile: letterProfiles[max(0, d.profile.SelectedIndex())], Now: time.Now()})
}

// refresh renders the letter again and shows it.
func (d *letterDialog) refresh() {
	lt, err := letter.Render(d.input(), d.custom)
	if err != nil {
		d.current = nil
		d.problem.SetText(letterErrorMessage(err))
		d.problem.Show()
		d.preview.SetText("")
		d.savePDF.Disable()
		d.saveODT.Disable()
		d.saveText.Disable()
		return
	}
	d.current = lt
	d.problem.Hide()
	d.preview.SetText(lt.PlainText())
	d.savePDF.Enable()
	d.saveODT.Enable()
	d.saveText.Enable()
}

// letterErrorMessage words the errors of letters; others go to
// errorMessage.
func letterErrorMessage(err error) string {
	var te *letter.TemplateError
	switch {
	case errors.As(err, &te) && te.Line > 0:
		return lang.X("letter.err.template_line", "The template has an error on line {{.Line}}: {{.Detail}}",
			map[string]any{"Line": te.Line, "Detail": te.Detail})
	case errors.As(err, &te):
		return lang.X("letter.err.template", "The template has an error: {{.Detail}}", map[string]any{"Detail": te.Detail})
	case errors.Is(err, letter.ErrTooLong), errors.Is(err, vault.ErrTemplateTooLong):
		return lang.L("letter.err.too_long")
	}
	return errorMessage(err)
}

// fileName is what the file chooser proposes: the case number and the
// kind, never a name.
func (d *letterDialog) fileName(f letter.Format) string {
	k, l := d.chosen()
	base := "letter"
	if d.c.Number != "" {
		base = d.c.Number + "-letter"
	}
	return base + "-" + string(k) + "-" + string(l) + "." + string(f)
}

func (d *letterDialog) chooseFile(f letter.Format) {
	if d.current == nil {
		return
	}
	c := newSaveFile(d.host.Window(), d.fileName(f), func(path string) { d.save(path, f) })
	c.show(d.host)
}

// write lays the letter out off the UI goroutine and writes it to path,
// readable by its owner only.
func (d *letterDialog) write(path string, f letter.Format) {
	lt := d.current
	if lt == nil {
		return
	}
	d.work.Add(1)
	d.host.Go(func(ctx context.Context) {
		defer d.work.Done()
		var buf bytes.Buffer
		err := lt.Write(&buf, f)
		if err == nil {
			err = ctx.Err()
		}
		if err == nil {
			err = writePrivate(path, buf.Bytes())
		}
		fyne.Do(func() {
			if d.done != nil {
				d.done(err)
			}
			if err != nil {
				dialog.ShowError(errors.New(letterErrorMessage(err)), d.host.Window())
				return
			}
			dialog.ShowInformation(lang.L("letter.title"),
				lang.X("letter.saved", "Saved {{.File}}. It is not encrypted: delete it once the letter is sent.",
					map[string]any{"File": path}), d.host.Window())
		})
	})
}
