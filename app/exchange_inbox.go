package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/fsnotify/fsnotify"

	"kintrace/cases/bundle"
	"kintrace/cases/exchange"
	"kintrace/cases/vault"
)

// inboxRow is one inbox file's line and its button.
type inboxRow struct {
	item   exchange.InboxItem
	line   *widget.Label
	action *widget.Button // nil when there is nothing to do yet
	more   *widget.Button // a second choice (dismiss), or nil
}

// inboxStatusText is the line of an inbox file.
func inboxStatusText(it exchange.InboxItem) string {
	switch it.Status {
	case exchange.StatusReady:
		return lang.X("exchange.status.ready", "Bundle from {{.Name}}: {{.New}} new, {{.Update}} updated, {{.Conflict}} in conflict, {{.Same}} already here.",
			map[string]any{"Name": it.SenderName, "New": it.Info.Count(bundle.PlanNew), "Update": it.Info.Count(bundle.PlanUpdate),
				"Conflict": it.Info.Count(bundle.PlanConflict), "Same": it.Info.Count(bundle.PlanSame) + it.Info.Count(bundle.PlanOlder)})
	case exchange.StatusReceipt:
		return lang.X("exchange.status.receipt", "Receipt from {{.Name}}.", map[string]any{"Name": it.SenderName})
	case exchange.StatusDeletions:
		return lang.X("exchange.status.deletions", "{{.Name}} deleted {{.Count}} cases: confirm to delete them here too.",
			map[string]any{"Name": it.SenderName, "Count": len(it.Message.Deletions)})
	}
	return lang.L(inboxStatusKeys[it.Status])
}

// inboxStatusKeys are the lines of the statuses that name nobody.
var inboxStatusKeys = map[exchange.Status]string{
	exchange.StatusArriving:      "exchange.status.arriving",
	exchange.StatusNotBundle:     "exchange.status.not_bundle",
	exchange.StatusDamaged:       "exchange.status.damaged",
	exchange.StatusUnknownSender: "exchange.status.unknown_sender",
	exchange.StatusPassphrase:    "exchange.status.passphrase",
	exchange.StatusUnreadable:    "exchange.status.unreadable",
	exchange.StatusHandled:       "exchange.status.handled",
}

// waitingForUser counts the items the user has to look at.
func waitingForUser(items []exchange.InboxItem) int {
	n := 0
	for _, it := range items {
		switch it.Status {
		case exchange.StatusHandled, exchange.StatusArriving, exchange.StatusReceipt:
		default:
			n++
		}
	}
	return n
}

// inboxScan scans the inbox and takes in at once what needs nobody:
// receipts, and bundles from verified contacts whose rules say so; it
// returns the inbox as it is then.
func inboxScan(ctx context.Context, v *vault.Vault) ([]exchange.InboxItem, int, error) {
	items, err := exchange.Scan(ctx, v, exchange.ScanOptions{})
	if err != nil {
		return nil, 0, err
	}
	taken := 0
	for _, it := range items {
		if it.Status == exchange.StatusReceipt || it.Status == exchange.StatusReady && it.Auto {
			if _, err := exchange.Receive(ctx, v, it, exchange.ReceiveOptions{}); err == nil {
				taken++
			}
		}
	}
	if taken > 0 {
		items, err = exchange.Scan(ctx, v, exchange.ScanOptions{})
	}
	return items, taken, err
}

// scan looks at the inbox off the UI goroutine and shows its lines.
func (ev *exchangeView) scan() {
	v := ev.host.Store()
	if v == nil {
		return
	}
	if _, err := exchange.GetFolder(context.Background(), v); err != nil {
		ev.showItems(nil)
		return
	}
	ev.scanBt.Disable()
	ev.host.Go(func(ctx context.Context) {
		items, taken, err := inboxScan(ctx, v)
		fyne.Do(func() {
			ev.scanBt.Enable()
			if ctx.Err() != nil {
				return
			}
			if err != nil {
				ev.status.SetText(exchangeErrorText(err))
				return
			}
			if taken > 0 {
				ev.host.Refresh()
			}
			ev.showItems(items)
		})
	})
}

// showItems replaces the inbox's lines.
func (ev *exchangeView) showItems(items []exchange.InboxItem) {
	ev.items = items
	ev.rows = nil
	ev.inbox.RemoveAll()
	handled := 0
	for _, it := range items {
		if it.Status == exchange.StatusHandled {
			handled++
			continue
		}
		r := ev.inboxRow(it)
		ev.rows = append(ev.rows, r)
		buttons := container.NewHBox()
		for _, b := range []*widget.Button{r.more, r.action} {
			if b != nil {
				buttons.Add(b)
			}
		}
		right := container.NewVBox(buttons)
		name := widget.NewLabelWithStyle(it.Name, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
		ev.inbox.Add(container.NewBorder(nil, nil, nil, right, container.NewVBox(name, r.line)))
	}
	if len(ev.rows) == 0 {
		ev.inbox.Add(widget.NewLabel(lang.L("exchange.inbox.empty")))
	}
	if handled > 0 {
		ev.inbox.Add(widget.NewLabel(lang.X("exchange.inbox.handled", "Files taken in before: {{.Count}}.", map[string]any{"Count": handled})))
	}
	ev.inbox.Refresh()
	ev.reloadContacts()
}

func (ev *exchangeView) inboxRow(it exchange.InboxItem) *inboxRow {
	r := &inboxRow{item: it, line: widget.NewLabel(inboxStatusText(it))}
	r.line.Wrapping = fyne.TextWrapWord
	switch it.Status {
	case exchange.StatusReady:
		r.action = widget.NewButtonWithIcon(lang.L("exchange.inbox.review"), theme.DownloadIcon(), func() { ev.review(it) })
		r.action.Importance = widget.HighImportance
	case exchange.StatusDeletions:
		r.line.Importance = widget.WarningImportance
		r.action = widget.NewButtonWithIcon(lang.L("exchange.inbox.review_deletions"), theme.DeleteIcon(), func() { ev.confirmDeletions(it) })
	case exchange.StatusUnknownSender, exchange.StatusPassphrase:
		if it.IsMessage {
			r.action = ev.dismissButton(it)
			break
		}
		// A bundle from someone not (yet) a contact, or locked with a
		// passphrase: the manual import, which asks to compare the
		// fingerprint or for the passphrase.
		open := widget.NewButtonWithIcon(lang.L("exchange.inbox.open"), theme.DownloadIcon(), func() { inspectBundle(ev.host, it.Path, nil) })
		r.line.Importance = widget.WarningImportance
		r.action = open
		r.more = ev.dismissButton(it)
	case exchange.StatusArriving, exchange.StatusReceipt:
	default:
		r.line.Importance = widget.WarningImportance
		r.action = ev.dismissButton(it)
	}
	return r
}

func (ev *exchangeView) dismissButton(it exchange.InboxItem) *widget.Button {
	return widget.NewButtonWithIcon(lang.L("exchange.inbox.dismiss"), theme.CancelIcon(), func() { ev.dismiss(it) })
}

// review shows a bundle's plan in the import view, which takes it in
// through exchange.Receive (the ledger is updated, a receipt written).
func (ev *exchangeView) review(it exchange.InboxItem) {
	v := ev.host.Store()
	if v == nil {
		return
	}
	iv := newImportView(ev.host, it.Path, nil, it.Info)
	iv.importer = func(ctx context.Context, progress func(done, total int64)) (*bundle.ImportResult, error) {
		res, err := exchange.Receive(ctx, v, it, exchange.ReceiveOptions{Progress: progress})
		fyne.Do(ev.scan)
		return res.Import, err
	}
	ev.lastImport = iv
	iv.show()
}

// confirmDeletions lists the cases a contact deleted and deletes them here
// once the user agrees.
func (ev *exchangeView) confirmDeletions(it exchange.InboxItem) {
	v := ev.host.Store()
	if v == nil {
		return
	}
	var names []string
	for _, d := range it.Message.Deletions {
		if c, err := v.Get(context.Background(), d.ID); err == nil {
			names = append(names, fmt.Sprintf("%s  %s", c.Number, c.Person.Name))
		}
	}
	msg := lang.X("exchange.deletions.question", "{{.Name}} deleted these cases. Delete them in this vault too? A case changed here since is kept.",
		map[string]any{"Name": it.SenderName})
	if len(names) > 0 {
		msg += "\n\n" + strings.Join(names, "\n")
	}
	d := dialog.NewConfirm(lang.L("exchange.deletions.title"), msg, func(ok bool) {
		if !ok {
			return
		}
		ev.host.Go(func(ctx context.Context) {
			res, err := exchange.Receive(ctx, v, it, exchange.ReceiveOptions{ConfirmDeletions: true})
			fyne.Do(func() {
				if ctx.Err() != nil {
					return
				}
				if err != nil {
					ev.status.SetText(exchangeErrorText(err))
				} else {
					ev.status.SetText(lang.X("exchange.deletions.done", "Deleted: {{.Deleted}}; kept because changed here since: {{.Kept}}.",
						map[string]any{"Deleted": res.Deleted, "Kept": res.Kept}))
					ev.host.Refresh()
				}
				ev.scan()
			})
		})
	}, ev.host.Window())
	showHostDialog(ev.host, d, nil)
}

// dismiss remembers a file that cannot be taken in, so that it no longer
// shows as new.
func (ev *exchangeView) dismiss(it exchange.InboxItem) {
	v := ev.host.Store()
	if v == nil {
		return
	}
	if err := exchange.Dismiss(context.Background(), v, it); err != nil {
		ev.status.SetText(exchangeErrorText(err))
		return
	}
	ev.scan()
}

// The open exchange view belongs to one unlocked session of the vault: it
// is remembered by it (vault.Tx.Remember), which forgets it when it locks.
type openExchangeKey struct{}

func setOpenExchangeView(h Host, ev *exchangeView) {
	if v := h.Store(); v != nil {
		v.ReadTx(context.Background(), func(t *vault.Tx) error {
			t.Remember(openExchangeKey{}, ev)
			return nil
		})
	}
}

func openExchangeView(v *vault.Vault) *exchangeView {
	var ev *exchangeView
	v.ReadTx(context.Background(), func(t *vault.Tx) error {
		ev, _ = t.Recall(openExchangeKey{}).(*exchangeView)
		return nil
	})
	return ev
}

// exchangeWatchers holds the running inbox watcher of each window (*UI):
// it is not work of Host.Go, which would count as work under way for as
// long as the vault is unlocked, but stopExchangeWatch, called by
// UI.stopWork before the vault locks or closes, cancels it and waits for it.
var exchangeWatchers sync.Map // *UI -> *exchangeWatcher

type exchangeWatcher struct {
	stop context.CancelFunc
	done chan struct{}
	// waiting is the number of inbox files waiting for the user at the
	// last scan (waitingForUser): the Today view's inbox line.
	waiting atomic.Int64
}

// startExchangeWatch starts, once per unlocked session and only when the
// vault has an exchange folder, the inbox watcher: a scan now (at unlock),
// and again whenever the inbox changes and has settled.
func startExchangeWatch(u *UI) {
	if _, ok := exchangeWatchers.Load(u); ok {
		return
	}
	v := u.Store()
	if v == nil {
		return
	}
	f, err := exchange.GetFolder(context.Background(), v)
	if err != nil {
		return
	}
	ctx, stop := context.WithCancel(context.Background())
	w := &exchangeWatcher{stop: stop, done: make(chan struct{})}
	exchangeWatchers.Store(u, w)
	go func() {
		defer close(w.done)
		watchInbox(ctx, u, v, f, w)
	}()
}

// stopExchangeWatch stops u's inbox watcher, if one runs, and waits until
// it no longer touches the vault.
func stopExchangeWatch(u *UI) {
	if w, ok := exchangeWatchers.LoadAndDelete(u); ok {
		w := w.(*exchangeWatcher)
		w.stop()
		<-w.done
	}
}

// watchInbox is the watcher's loop; it returns when ctx is cancelled.
func watchInbox(ctx context.Context, h Host, v *vault.Vault, f exchange.Folder, ew *exchangeWatcher) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		fyne.LogError("Watching the exchange inbox", err)
		return
	}
	defer w.Close()
	w.Add(f.Inbox())
	if ents, err := os.ReadDir(f.Inbox()); err == nil {
		for _, e := range ents {
			if e.IsDir() {
				w.Add(filepath.Join(f.Inbox(), e.Name()))
			}
		}
	}
	timer := time.NewTimer(0) // the scan at unlock
	defer timer.Stop()
	last := -1
	for {
		select {
		case <-ctx.Done():
			return
		case e, ok := <-w.Events:
			if !ok {
				return
			}
			if e.Has(fsnotify.Create) {
				if st, err := os.Stat(e.Name); err == nil && st.IsDir() {
					w.Add(e.Name)
				}
			}
			timer.Reset(exchange.DefaultSettle + time.Second)
		case <-w.Errors:
		case <-timer.C:
			items, taken, err := inboxScan(ctx, v)
			if err != nil || ctx.Err() != nil {
				continue
			}
			for _, it := range items {
				if it.Status == exchange.StatusArriving {
					timer.Reset(exchange.DefaultSettle)
					break
				}
			}
			n := waitingForUser(items)
			notify := n > 0 && n != last
			last = n
			ew.waiting.Store(int64(n))
			fyne.Do(func() {
				if ctx.Err() != nil {
					return
				}
				if taken > 0 {
					h.Refresh()
				}
				if u, ok := h.(*UI); ok {
					if t, ok := u.screen.(*todayScreen); ok {
						t.setInbox(n)
					}
				}
				if ev := openExchangeView(v); ev != nil {
					ev.showItems(items)
				} else if u, ok := h.(*UI); ok && notify {
					u.showToast(lang.X("exchange.toast", "Team exchange: {{.Count}} new files in the inbox.", map[string]any{"Count": n}))
				}
			})
		}
	}
}
