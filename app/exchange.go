package app

import (
	"context"
	"embed"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases/exchange"
	"kintrace/cases/vault"
)

//go:embed translations/exchange/*.json
var exchangeTranslations embed.FS

func init() { registerTranslations(exchangeTranslations, "translations/exchange") }

// exchangeView is "Team exchange": the vault's exchange folder (stored in
// the vault, not in the preferences), per contact what is shared, what the
// contact has acknowledged and a "Send changes" button, and the inbox with
// a line per new file (cases/exchange).
type exchangeView struct {
	host Host

	folder     *trackedEntry
	setFolder  *widget.Button
	folderInfo *widget.Label
	contacts   *fyne.Container
	inbox      *fyne.Container
	scanBt     *widget.Button
	status     *widget.Label
	root       fyne.CanvasObject
	dialog     dialog.Dialog

	// sendBt and rulesBt are each contact's buttons, by name (tests).
	sendBt  map[string]*widget.Button
	rulesBt map[string]*widget.Button
	// items is the last scan; rows their lines and action buttons.
	items []exchange.InboxItem
	rows  []*inboxRow
	// lastImport and lastRules are the import view and sharing form last
	// opened from here (tests).
	lastImport *importView
	lastRules  *rulesForm
}

func showExchange(h Host) *exchangeView {
	ev, err := newExchangeView(h)
	if err != nil {
		showBundleError(h, err)
		return nil
	}
	ev.dialog = dialog.NewCustom(lang.L("exchange.title"), lang.L("bundle.close"), newPaddedVScroll(ev.root), h.Window())
	ev.dialog.Resize(fyne.NewSize(820, 700))
	setOpenExchangeView(h, ev)
	showHostDialog(h, ev.dialog, func() { setOpenExchangeView(h, nil) })
	ev.scan()
	return ev
}

func newExchangeView(h Host) (*exchangeView, error) {
	v := h.Store()
	if v == nil {
		return nil, vault.ErrLocked
	}
	ev := &exchangeView{host: h, sendBt: map[string]*widget.Button{}, rulesBt: map[string]*widget.Button{}}
	ev.folder = hostEntry(h)
	ev.folder.SetPlaceHolder(lang.L("exchange.folder.placeholder"))
	ev.setFolder = widget.NewButtonWithIcon(lang.L("exchange.folder.set"), theme.FolderIcon(), ev.chooseFolder)
	ev.folderInfo = widget.NewLabel("")
	ev.contacts = container.NewVBox()
	ev.inbox = container.NewVBox()
	ev.scanBt = widget.NewButtonWithIcon(lang.L("exchange.inbox.scan"), theme.ViewRefreshIcon(), ev.scan)
	ev.status = widget.NewLabel("")
	ev.status.Wrapping = fyne.TextWrapWord
	if f, err := exchange.GetFolder(context.Background(), v); err == nil {
		ev.folder.SetText(f.Path)
		ev.showFolder(f)
	} else if errors.Is(err, exchange.ErrNoFolder) {
		ev.folderInfo.SetText(lang.L("exchange.folder.none"))
		ev.folderInfo.Wrapping = fyne.TextWrapWord
	} else {
		return nil, err
	}
	if err := ev.reloadContacts(); err != nil {
		return nil, err
	}
	bold := func(key string) *widget.Label {
		return widget.NewLabelWithStyle(lang.L(key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	ev.root = container.NewVBox(
		bold("exchange.folder.title"),
		container.NewBorder(nil, nil, nil, ev.setFolder, ev.folder), ev.folderInfo,
		widget.NewSeparator(), bold("exchange.contacts.title"), ev.contacts,
		widget.NewSeparator(), container.NewBorder(nil, nil, nil, ev.scanBt, bold("exchange.inbox.title")), ev.inbox,
		ev.status)
	return ev, nil
}

func (ev *exchangeView) showFolder(f exchange.Folder) {
	ev.folderInfo.SetText(lang.X("exchange.folder.info", "Outbox (Kintrace writes here): {{.Outbox}}\nInbox (Kintrace reads here): {{.Inbox}}",
		map[string]any{"Outbox": f.Outbox(), "Inbox": f.Inbox()}))
}

// chooseFolder makes the typed folder the exchange folder.
func (ev *exchangeView) chooseFolder() {
	v := ev.host.Store()
	if v == nil {
		return
	}
	f, err := exchange.SetFolder(context.Background(), v, ev.folder.Text)
	if err != nil {
		ev.status.SetText(lang.L("exchange.folder.bad"))
		return
	}
	ev.folder.SetText(f.Path)
	ev.showFolder(f)
	ev.status.SetText("")
	if u, ok := ev.host.(*UI); ok {
		startExchangeWatch(u)
	}
	ev.scan()
}

// reloadContacts fills the contacts' rows from their rules and ledgers.
func (ev *exchangeView) reloadContacts() error {
	v := ev.host.Store()
	if v == nil {
		return vault.ErrLocked
	}
	sts, err := exchange.Statuses(context.Background(), v, ev.items)
	if err != nil {
		return err
	}
	ev.contacts.RemoveAll()
	if len(sts) == 0 {
		ev.contacts.Add(widget.NewLabel(lang.L("bundle.contacts.none")))
	}
	for _, s := range sts {
		ev.contacts.Add(ev.contactRow(s))
	}
	ev.contacts.Refresh()
	return nil
}

func (ev *exchangeView) contactRow(s exchange.ContactStatus) fyne.CanvasObject {
	c := s.Contact
	name := widget.NewLabelWithStyle(c.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	rules := widget.NewLabel(rulesText(s.Rules))
	rules.Wrapping = fyne.TextWrapWord
	ack := widget.NewLabel(ackText(s))
	ack.Wrapping = fyne.TextWrapWord
	if s.UpToDate() {
		ack.Importance = widget.SuccessImportance
	} else if s.UnackedCases+s.UnackedAttachments+s.UnackedDeletions > 0 {
		ack.Importance = widget.WarningImportance
	}
	send := widget.NewButtonWithIcon(lang.L("exchange.send"), theme.MailSendIcon(), func() { ev.send(c) })
	send.Importance = widget.HighImportance
	edit := widget.NewButtonWithIcon(lang.L("exchange.rules.edit"), theme.SettingsIcon(), func() { ev.lastRules = showRulesDialog(ev, c, s.Rules) })
	ev.sendBt[c.Name], ev.rulesBt[c.Name] = send, edit
	return container.NewBorder(nil, nil, nil, container.NewVBox(container.NewHBox(edit, send)), container.NewVBox(name, rules, ack))
}

// rulesText says what a contact is sent.
func rulesText(r exchange.Rules) string {
	scope := lang.L(scopeKeys[r.Scope])
	switch r.Scope {
	case exchange.ScopeTag:
		scope = lang.X("exchange.scope.tag_value", "cases tagged {{.Tag}}", map[string]any{"Tag": r.Tag})
	case exchange.ScopeQuery:
		scope = lang.X("exchange.scope.query_value", "cases found by “{{.Query}}”", map[string]any{"Query": r.Query})
	case exchange.ScopeCases:
		scope = lang.X("exchange.scope.cases_value", "{{.Count}} chosen cases", map[string]any{"Count": len(r.Cases)})
	}
	text := lang.X("exchange.rules.summary", "Shares {{.Scope}}, {{.Redaction}}.", map[string]any{"Scope": scope, "Redaction": lang.L(redactionKeys[r.Redaction])})
	if r.AutoImport {
		text += " " + lang.L("exchange.rules.auto_on")
	}
	return text
}

// ackText says what a contact has acknowledged.
func ackText(s exchange.ContactStatus) string {
	n := s.UnackedCases + s.UnackedAttachments + s.UnackedDeletions
	switch {
	case s.UpToDate():
		return lang.X("exchange.ack.up_to_date", "Has everything up to {{.Time}}.", map[string]any{"Time": formatTime(s.LastReceipt)})
	case n > 0:
		return lang.X("exchange.ack.waiting", "{{.Count}} sent and not yet acknowledged (last sent {{.Time}}).",
			map[string]any{"Count": n, "Time": formatTime(s.LastSent)})
	case s.LastSent.IsZero():
		return lang.L("exchange.ack.never")
	}
	return ""
}

// send writes the contact's changes to the outbox off the UI goroutine.
func (ev *exchangeView) send(c vault.Contact) {
	v := ev.host.Store()
	if v == nil {
		return
	}
	btn := ev.sendBt[c.Name]
	btn.Disable()
	ev.status.SetText(lang.L("exchange.sending"))
	ev.host.Go(func(ctx context.Context) {
		res, err := exchange.Send(ctx, v, c, exchange.SendOptions{})
		fyne.Do(func() {
			btn.Enable()
			switch {
			case ctx.Err() != nil:
			case errors.Is(err, exchange.ErrNothingToSend):
				ev.status.SetText(lang.X("exchange.sent.nothing", "{{.Name}} has everything already ({{.Count}} cases shared).",
					map[string]any{"Name": c.Name, "Count": res.InScope}))
			case err != nil:
				ev.status.SetText(exchangeErrorText(err))
			default:
				ev.status.SetText(lang.X("exchange.sent.done", "Written for {{.Name}}: {{.Cases}} cases ({{.Versions}} versions), {{.Attachments}} attachments, {{.Deletions}} deletions, {{.KB}} KB. Already there: {{.Skipped}}.",
					map[string]any{"Name": c.Name, "Cases": res.Cases, "Versions": res.Versions, "Attachments": res.Attachments,
						"Deletions": res.Deletions, "KB": (res.Bytes + 1023) >> 10, "Skipped": res.Skipped}))
				ev.reloadContacts()
			}
		})
	})
}

// exchangeErrorText is the sentence for an exchange error.
func exchangeErrorText(err error) string {
	switch {
	case errors.Is(err, exchange.ErrNoFolder):
		return lang.L("exchange.err.no_folder")
	case errors.Is(err, exchange.ErrNotReady):
		return lang.L("exchange.err.not_ready")
	}
	return bundleErrorMessage(err)
}
