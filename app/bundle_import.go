package app

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases/bundle"
)

var planKeys = map[bundle.PlanAction]string{
	bundle.PlanNew:      "bundle.plan.new",
	bundle.PlanUpdate:   "bundle.plan.update",
	bundle.PlanSame:     "bundle.plan.already_have",
	bundle.PlanOlder:    "bundle.plan.older",
	bundle.PlanConflict: "bundle.plan.conflict",
}

// chooseImport asks for a bundle file, then inspects it.
func chooseImport(h Host) {
	d := newOpenFile(h.Window(), func(path string) { inspectBundle(h, path, nil) })
	showHostDialog(h, d.dialog, nil)
}

// inspectBundle opens a bundle off the UI goroutine and shows what
// importing it would do; a passphrase bundle asks for its passphrase.
func inspectBundle(h Host, path string, pass []byte) {
	v := h.Store()
	if v == nil {
		return
	}
	ctx, stop := context.WithCancel(context.Background()) // the dialog's Cancel
	p := newProgressDialog(h, lang.L("bundle.import.reading"), lang.L("bundle.cancel"), stop)
	h.Go(func(hctx context.Context) {
		defer context.AfterFunc(hctx, stop)()
		defer stop()
		info, err := bundle.Inspect(ctx, v, path, bundle.ImportOptions{Passphrase: pass, Progress: p.report})
		p.close()
		fyne.Do(func() {
			switch {
			case hctx.Err() != nil:
				// Locked or closed meanwhile: nothing to show.
			case errors.Is(err, bundle.ErrNeedPassphrase):
				askBundlePassphrase(h, path)
			case err != nil:
				showBundleError(h, err)
			default:
				newImportView(h, path, pass, info).show()
			}
		})
	})
}

func askBundlePassphrase(h Host, path string) {
	entry := hostSecretEntry(h, "")
	d := dialog.NewForm(lang.L("bundle.import.passphrase_title"), lang.L("bundle.import.open"), lang.L("bundle.cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("bundle.import.passphrase"), entry)}, func(ok bool) {
			if ok && !entry.Empty() {
				inspectBundle(h, path, entry.Secret())
			}
			entry.Wipe()
		}, h.Window())
	entry.OnSubmitted = d.Submit
	d.Show()
	h.Window().Canvas().Focus(entry)
}

// importView shows a bundle's sender, recipients and per-case plan, and
// imports it on request. An unknown sender must be trusted first: the
// Import button stays disabled until the user confirms having compared the
// fingerprint.
type importView struct {
	host Host
	path string
	pass []byte
	info *bundle.Info

	trust    *widget.Check
	saveAs   *trackedEntry
	importBt *widget.Button
	// unverified warns that the sender is a contact whose fingerprint
	// was not verified; nil otherwise.
	unverified *widget.Label
	// restoreDeleted restores the cases deleted in this vault that the
	// bundle carries; nil when it carries none (bundle_deleted.go).
	restoreDeleted *widget.Check
	dialog         dialog.Dialog
	// importer, when set, imports in place of bundle.Import (the exchange
	// inbox takes bundles in through exchange.Receive: ledger, receipt).
	importer func(ctx context.Context, progress func(done, total int64)) (*bundle.ImportResult, error)
	result   *bundle.ImportResult
	done     chan struct{} // closed when an import finishes (tests)
}

func newImportView(h Host, path string, pass []byte, info *bundle.Info) *importView {
	iv := &importView{host: h, path: path, pass: pass, info: info, done: make(chan struct{})}
	iv.importBt = widget.NewButton(lang.L("bundle.import.import"), iv.runImport)
	iv.importBt.Importance = widget.HighImportance
	iv.trust = widget.NewCheck(lang.L("bundle.import.trust"), func(on bool) {
		if on {
			iv.importBt.Enable()
		} else {
			iv.importBt.Disable()
		}
	})
	iv.saveAs = hostEntry(h)
	iv.saveAs.SetPlaceHolder(lang.L("bundle.import.save_as"))
	if info.SenderStatus == bundle.SenderUnknown {
		iv.importBt.Disable()
	}
	if info.AlreadyImported {
		iv.importBt.Disable()
	}
	return iv
}

func (iv *importView) senderText() string {
	info := iv.info
	switch info.SenderStatus {
	case bundle.SenderSelf:
		return lang.L("bundle.sender.self")
	case bundle.SenderContact:
		if info.SenderVerified {
			return lang.X("bundle.sender.verified", "{{.Name}} (verified contact)", map[string]any{"Name": info.SenderName})
		}
		return lang.X("bundle.sender.contact", "{{.Name}} (contact, fingerprint not yet compared)", map[string]any{"Name": info.SenderName})
	}
	return lang.L("bundle.sender.unknown")
}

func (iv *importView) content() fyne.CanvasObject {
	info := iv.info
	form := widget.NewForm(
		widget.NewFormItem(lang.L("bundle.import.from"), widget.NewLabel(iv.senderText())),
		widget.NewFormItem(lang.L("bundle.import.fingerprint"), widget.NewLabelWithStyle(info.Fingerprint, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})),
		widget.NewFormItem(lang.L("bundle.import.made"), widget.NewLabel(formatTime(info.Created))),
		widget.NewFormItem(lang.L("bundle.import.for"), widget.NewLabel(iv.recipientsText())),
		widget.NewFormItem(lang.L("bundle.import.redaction"), widget.NewLabel(lang.L(redactionKeys[info.Redaction]))),
		widget.NewFormItem(lang.L("bundle.import.attachments"), widget.NewLabel(fmt.Sprintf("%d (%d MB)", info.Attachments, info.AttachmentBytes>>20))),
	)
	box := container.NewVBox(form)
	warnText := func(text string) *widget.Label {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.WarningImportance
		box.Add(l)
		return l
	}
	warn := func(key string, args map[string]any) { warnText(lang.X(key, key, args)) }
	if info.SenderStatus == bundle.SenderContact && !info.SenderVerified {
		iv.unverified = warnText(lang.X("bundle.import.unverified_sender",
			"You have not verified the fingerprint of {{.Name}}. Compare it with them (Contacts) before you trust these cases.",
			map[string]any{"Name": info.SenderName}))
	}
	if info.AlreadyImported {
		warn("bundle.import.already", nil)
	}
	if info.OlderSequence {
		warn("bundle.import.older_sequence", map[string]any{"Last": info.LastSequence})
	}
	if info.SenderStatus == bundle.SenderUnknown {
		warn("bundle.import.unknown_sender", nil)
		box.Add(iv.trust)
		box.Add(iv.saveAs)
	}
	iv.addDeletedChoice(box)
	box.Add(widget.NewLabelWithStyle(lang.X("bundle.import.summary", "{{.New}} new, {{.Update}} updated, {{.Conflict}} in conflict, {{.Same}} already here, {{.Older}} older (ignored)",
		map[string]any{"New": info.Count(bundle.PlanNew), "Update": info.Count(bundle.PlanUpdate), "Conflict": info.Count(bundle.PlanConflict),
			"Same": info.Count(bundle.PlanSame), "Older": info.Count(bundle.PlanOlder)}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	list := widget.NewList(func() int { return len(info.Cases) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := info.Cases[i]
			plan := lang.L(planKeys[c.Action])
			if c.NumberTaken {
				plan = lang.L("bundle.plan.number_taken")
			}
			o.(*widget.Label).SetText(fmt.Sprintf("%s  %s  v%d — %s", c.Number, c.Name, c.Version, plan))
		})
	return visualBorder(box, iv.importBt, nil, nil, list)
}

func (iv *importView) recipientsText() string {
	if iv.info.Passphrase {
		return lang.L("bundle.import.for_passphrase")
	}
	s := ""
	for i, r := range iv.info.Recipients {
		if i > 0 {
			s += ", "
		}
		switch {
		case r.Self:
			s += lang.L("bundle.import.you")
		case r.Name != "":
			s += r.Name
		default:
			s += r.Key[:12] + "…"
		}
	}
	return s
}

func (iv *importView) show() {
	iv.dialog = dialog.NewCustom(lang.L("bundle.import.title"), lang.L("bundle.close"), iv.content(), iv.host.Window())
	iv.dialog.Resize(fyne.NewSize(640, 620))
	showHostDialog(iv.host, iv.dialog, nil)
}

// runImport applies the plan off the UI goroutine.
func (iv *importView) runImport() {
	v := iv.host.Store()
	if v == nil {
		return
	}
	opt := bundle.ImportOptions{Passphrase: iv.pass, RestoreDeleted: iv.restoreChosen()}
	if iv.info.SenderStatus == bundle.SenderUnknown {
		if !iv.trust.Checked {
			return
		}
		opt.Trust, opt.SaveSenderAs = iv.info.Fingerprint, iv.saveAs.Text
	}
	iv.importBt.Disable()
	ctx, stop := context.WithCancel(context.Background()) // the dialog's Cancel
	p := newProgressDialog(iv.host, lang.L("bundle.import.title"), lang.L("bundle.cancel"), stop)
	opt.Progress = p.report
	iv.host.Go(func(hctx context.Context) {
		defer context.AfterFunc(hctx, stop)()
		defer stop()
		var res *bundle.ImportResult
		var err error
		if iv.importer != nil {
			res, err = iv.importer(ctx, p.report)
		} else {
			res, err = bundle.Import(ctx, v, iv.path, opt)
		}
		p.close()
		fyne.Do(func() {
			defer close(iv.done)
			if err != nil {
				iv.importBt.Enable()
				if hctx.Err() == nil { // else the lock cancelled it: nothing to show
					showBundleError(iv.host, err)
				}
				return
			}
			iv.result = res
			if iv.dialog != nil {
				iv.dialog.Hide()
			}
			iv.host.Refresh()
			msg := lang.X("bundle.import.done", "Imported: {{.New}} new, {{.Updated}} updated, {{.Conflicts}} in conflict, {{.Unchanged}} unchanged; attachments: {{.Attachments}}.",
				map[string]any{"New": res.New, "Updated": res.Updated, "Conflicts": res.Conflicts, "Unchanged": res.Unchanged, "Attachments": res.Attachments})
			if d := deletedResult(res); d != "" {
				msg += "\n" + d
			}
			if res.NoOp {
				msg = lang.L("bundle.import.already")
			}
			iv.showResult(msg, res)
		})
	})
}

// showResult tells what the import did and, when cases are in conflict,
// offers to open each of them.
func (iv *importView) showResult(msg string, res *bundle.ImportResult) {
	label := widget.NewLabel(msg)
	label.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(label)
	if res.Conflicts > 0 && res.Info != nil {
		hint := widget.NewLabel(lang.L("bundle.import.conflicts_hint"))
		hint.Wrapping = fyne.TextWrapWord
		box.Add(hint)
		var d dialog.Dialog
		for _, c := range res.Info.Cases {
			if c.Action != bundle.PlanConflict {
				continue
			}
			id := c.ID
			box.Add(widget.NewButton(c.Number+"  "+c.Name, func() {
				d.Hide()
				iv.host.OpenCase(id)
			}))
		}
		d = dialog.NewCustom(lang.L("bundle.import.title"), lang.L("bundle.close"), newPaddedVScroll(box), iv.host.Window())
		d.Resize(fyne.NewSize(520, 400))
		showHostDialog(iv.host, d, nil)
		return
	}
	dialog.ShowCustom(lang.L("bundle.import.title"), lang.L("bundle.close"), box, iv.host.Window())
}
