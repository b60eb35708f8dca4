package app

import (
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
	"kintrace/cases/bundle"
	"kintrace/cases/search"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

// exportForm is the "Export bundle…" dialog: which cases, for whom (contacts
// and always yourself, or a passphrase), redaction, attachments.
type exportForm struct {
	host     Host
	contacts []vault.Contact

	scope      *widget.RadioGroup
	query      *trackedEntry // search text or case numbers
	recipients *widget.CheckGroup
	unverified *widget.Label // names the chosen contacts not yet verified
	usePass    *widget.Check
	passphrase *trackedEntry
	regenerate *widget.Button
	redaction  *widget.Select
	attach     *widget.Check
	count      *widget.Label
	// noContacts stands where the contacts would be when there are none:
	// a line saying so and addContact, which opens "Contacts & my key".
	noContacts   *fyne.Container
	addContact   *widget.Button
	contactsView *contactsView // the one addContact opened
	scroll       *container.Scroll
	dialog       dialog.Dialog

	// selected are the cases ticked in the case list when the form
	// opened; selectedScope is their scope's label ("" when none are)
	selected      []string
	selectedScope string

	// save runs the export to a chosen path; tests replace the file
	// dialog by calling it directly.
	save func(path string)
	// done receives the outcome of each export (tests).
	done chan error
}

var redactionKeys = map[cases.Redaction]string{
	cases.RedactNone:             "bundle.redact.full",
	cases.RedactReporterIdentity: "bundle.redact.no_reporter_identity",
	cases.RedactPublicOnly:       "bundle.redact.public_only",
}

func contactLabel(c vault.Contact) string {
	if c.Verified {
		return c.Name + " ✓"
	}
	return c.Name + " (" + lang.L("bundle.contacts.unverified") + ")"
}

func showExport(h Host) *exportForm {
	v := h.Store()
	if v == nil {
		return nil
	}
	contacts, err := v.Contacts(context.Background())
	if err != nil {
		showBundleError(h, err)
		return nil
	}
	f := &exportForm{host: h, contacts: contacts, done: make(chan error, 1)}
	f.build()
	f.scroll = newPaddedVScroll(f.content())
	f.dialog = dialog.NewCustomConfirm(lang.L("bundle.export.title"), lang.L("bundle.export.save"), lang.L("bundle.cancel"),
		f.scroll, func(ok bool) {
			if ok {
				f.chooseFile()
			}
		}, h.Window())
	f.dialog.Resize(fyne.NewSize(640, 640))
	showHostDialog(h, f.dialog, nil)
	return f
}

func (f *exportForm) build() {
	all := lang.L("bundle.export.scope_all")
	scopes := []string{all, lang.L("bundle.export.scope_search"), lang.L("bundle.export.scope_numbers")}
	if f.selected = selectedCases(f.host); len(f.selected) > 0 {
		f.selectedScope = lang.L("bundle.export.scope_selected", map[string]any{"N": len(f.selected)})
		scopes = append([]string{f.selectedScope}, scopes...)
	}
	f.query = hostEntry(f.host)
	f.query.OnChanged = func(string) { f.updateCount() }
	f.scope = widget.NewRadioGroup(scopes, func(s string) {
		if s == all || s == f.selectedScope {
			f.query.Disable()
		} else {
			f.query.Enable()
		}
		f.updateCount()
	})
	f.scope.SetSelected(scopes[0]) // the selection, when there is one, else all
	f.unverified = widget.NewLabel("")
	f.unverified.Wrapping = fyne.TextWrapWord
	f.unverified.Importance = widget.WarningImportance
	f.unverified.Hide()
	f.recipients = widget.NewCheckGroup(nil, func([]string) { f.updateUnverified() })
	none := widget.NewLabel(lang.L("look.export.no_contacts"))
	none.Wrapping = fyne.TextWrapWord
	f.addContact = widget.NewButtonWithIcon(lang.L("look.export.add_contact"), theme.ContentAddIcon(), f.openContacts)
	f.noContacts = container.NewVBox(none, container.NewHBox(f.addContact))
	f.setContacts(f.contacts)
	f.passphrase = hostEntry(f.host)
	f.regenerate = widget.NewButtonWithIcon(lang.L("bundle.export.new_passphrase"), theme.ViewRefreshIcon(), f.newPassphrase)
	f.usePass = widget.NewCheck(lang.L("bundle.export.use_passphrase"), func(on bool) {
		f.updateUnverified()
		if on {
			f.recipients.Disable()
			f.passphrase.Enable()
			f.regenerate.Enable()
			if f.passphrase.Text == "" {
				f.newPassphrase()
			}
		} else {
			f.recipients.Enable()
			f.passphrase.Disable()
			f.regenerate.Disable()
		}
	})
	f.passphrase.Disable()
	f.regenerate.Disable()
	var reds []string
	for _, r := range cases.Redactions {
		reds = append(reds, lang.L(redactionKeys[r]))
	}
	f.redaction = widget.NewSelect(reds, nil)
	f.redaction.SetSelectedIndex(0)
	f.attach = widget.NewCheck(lang.L("bundle.export.attachments"), nil)
	f.count = widget.NewLabel("")
	f.updateCount()
	f.save = f.export
}

func (f *exportForm) content() fyne.CanvasObject {
	self := widget.NewLabel(lang.L("bundle.export.self_always"))
	self.Wrapping = fyne.TextWrapWord
	passHint := widget.NewLabel(lang.L("bundle.export.passphrase_hint"))
	passHint.Wrapping = fyne.TextWrapWord
	return container.NewVBox(
		widget.NewLabelWithStyle(lang.L("bundle.export.which"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		f.scope, f.query, f.count,
		widget.NewLabelWithStyle(lang.L("bundle.export.for_whom"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		f.recipients, f.noContacts, f.unverified, self, f.usePass, container.NewBorder(nil, nil, nil, f.regenerate, f.passphrase), passHint,
		widget.NewLabelWithStyle(lang.L("bundle.export.redaction"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		f.redaction, f.attach,
	)
}

// setContacts offers the contacts as recipients, or, when there are none,
// says so and offers to add one.
func (f *exportForm) setContacts(list []vault.Contact) {
	f.contacts = list
	var names []string
	for _, c := range list {
		names = append(names, contactLabel(c))
	}
	f.recipients.Options = names
	f.recipients.Selected = slices.DeleteFunc(f.recipients.Selected, func(s string) bool { return !slices.Contains(names, s) })
	f.recipients.Refresh()
	if len(list) == 0 {
		f.recipients.Hide()
		f.noContacts.Show()
	} else {
		f.recipients.Show()
		f.noContacts.Hide()
	}
	f.updateUnverified()
}

// openContacts opens "Contacts & my key" over the form and, when it
// closes, offers the contacts added there.
func (f *exportForm) openContacts() {
	f.contactsView = showContactsThen(f.host, func() {
		v := f.host.Store()
		if v == nil {
			return
		}
		list, err := v.Contacts(context.Background())
		if err != nil {
			showBundleError(f.host, err)
			return
		}
		f.setContacts(list)
	})
}

// updateUnverified warns when a chosen contact's fingerprint has not been
// verified: a key swapped on its way to the user would let someone else
// read the bundle.
func (f *exportForm) updateUnverified() {
	var names []string
	if f.usePass == nil || !f.usePass.Checked {
		for _, c := range f.contacts {
			if !c.Verified && slices.Contains(f.recipients.Selected, contactLabel(c)) {
				names = append(names, c.Name)
			}
		}
	}
	if len(names) == 0 {
		f.unverified.Hide()
		return
	}
	f.unverified.SetText(lang.X("bundle.export.unverified", "Not verified: {{.Names}}. Compare fingerprints with them before you send this bundle: whoever swapped a key could read it.",
		map[string]any{"Names": strings.Join(names, ", ")}))
	f.unverified.Show()
}

func (f *exportForm) newPassphrase() {
	p, err := bundle.NewPassphrase()
	if err != nil {
		showBundleError(f.host, err)
		return
	}
	f.passphrase.SetText(p)
}

// caseIDs are the cases the scope chooses.
func (f *exportForm) caseIDs() []string {
	v := f.host.Store()
	if v == nil {
		return nil
	}
	if f.selectedScope != "" && f.scope.Selected == f.selectedScope {
		return f.selected
	}
	var ids []string
	switch f.scope.Selected {
	case lang.L("bundle.export.scope_numbers"):
		for _, n := range strings.FieldsFunc(f.query.Text, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
			for _, o := range v.Search(search.Query{Text: n}) {
				if strings.EqualFold(o.Number, n) || o.ID == n {
					ids = append(ids, o.ID)
				}
			}
		}
	case lang.L("bundle.export.scope_search"):
		for _, o := range v.Search(search.Query{Text: f.query.Text}) {
			ids = append(ids, o.ID)
		}
	default:
		for _, o := range v.Search(search.Query{}) {
			ids = append(ids, o.ID)
		}
	}
	return ids
}

func (f *exportForm) updateCount() {
	if f.count == nil || f.scope == nil {
		return
	}
	f.count.SetText(plural("count.cases_chosen", len(f.caseIDs()), map[string]any{"N": len(f.caseIDs())}))
}

// options reads the form.
func (f *exportForm) options() bundle.ExportOptions {
	opt := bundle.ExportOptions{CaseIDs: f.caseIDs(), Attachments: f.attach.Checked,
		Redaction: cases.Redactions[max(0, f.redaction.SelectedIndex())]}
	if f.usePass.Checked {
		opt.Passphrase = []byte(strings.TrimSpace(f.passphrase.Text))
		return opt
	}
	for _, c := range f.contacts {
		for _, sel := range f.recipients.Selected {
			if sel == contactLabel(c) {
				opt.Recipients = append(opt.Recipients, c.Key)
			}
		}
	}
	return opt
}

func (f *exportForm) chooseFile() {
	d := newSaveFile(f.host.Window(), "kintrace-bundle.age", f.save)
	d.show(f.host)
}

// export writes the bundle off the UI goroutine with progress and cancel.
func (f *exportForm) export(path string) {
	v := f.host.Store()
	if v == nil {
		return
	}
	opt := f.options()
	if f.usePass.Checked && len(opt.Passphrase) == 0 {
		showBundleError(f.host, crypto.ErrWrongPassphrase)
		return
	}
	pass := string(opt.Passphrase)
	ctx, stop := context.WithCancel(context.Background()) // the dialog's Cancel
	p := newProgressDialog(f.host, lang.L("bundle.export.title"), lang.L("bundle.cancel"), stop)
	opt.Progress = p.report
	f.host.Go(func(hctx context.Context) {
		defer context.AfterFunc(hctx, stop)()
		defer stop()
		res, err := bundle.Export(ctx, v, path, opt)
		p.close()
		fyne.Do(func() {
			defer func() {
				select {
				case f.done <- err:
				default:
				}
			}()
			if err != nil {
				if hctx.Err() == nil { // else the lock cancelled it: nothing to show
					showBundleError(f.host, err)
				}
				return
			}
			msg := lang.X("bundle.export.done", "Saved. Cases: {{.Cases}}, versions: {{.Versions}}, attachments: {{.Attachments}}.",
				map[string]any{"Cases": res.Cases, "Versions": res.Versions, "Attachments": res.Attachments})
			if pass != "" {
				msg += "\n\n" + lang.L("bundle.export.passphrase_reminder") + "\n" + pass
			}
			dialog.ShowInformation(lang.L("bundle.export.title"), msg, f.host.Window())
		})
	})
}
