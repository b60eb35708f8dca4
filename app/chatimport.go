package app

import (
	"context"
	"embed"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
	"kintrace/cases/intake/chat"
	"kintrace/cases/intake/chatimport"
)

//go:embed translations/chat
var chatTranslations embed.FS

func init() { registerTranslations(chatTranslations, "translations/chat") }

// chatImportView imports a WhatsApp or Telegram chat export into the case
// on show: which messages (all, a date range, or ticked ones), whose
// messages are the user's own, a preview of what is new, then one
// all-or-nothing import with progress, and a reminder that the export file
// is still on disk.
type chatImportView struct {
	u      *UI
	ed     *editorScreen
	caseID string
	path   string
	x      *chat.Export

	me       *widget.Select
	meValues []string // index-aligned with me.Options; "" for nobody
	mode     *widget.RadioGroup
	from, to *trackedEntry
	ticked   map[int]bool
	list     *widget.List
	problems *widget.Label
	summary  *widget.Label
	importBt *widget.Button
	dialog   dialog.Dialog

	plan chatimport.Plan
	// done is closed when an import ends (tests), with result or err set.
	done   chan struct{}
	result chatimport.Plan
	err    error
}

// askChatImport lets the user pick a chat export for the case e shows.
func (e *editorScreen) askChatImport() {
	e.ui.touch()
	if e.saved.ID == "" || e.dirty() {
		e.ui.showDialog(dialog.NewInformation(lang.L("chat.title"), lang.L("chat.save_first"), e.ui.win))
		return
	}
	newOpenFile(e.ui.win, func(path string) { e.openChatExport(path) }).show(e.ui)
}

// openChatExport reads the export off the UI goroutine and shows what it
// holds.
func (e *editorScreen) openChatExport(path string) {
	u := e.ui
	id := e.saved.ID
	u.Go(func(ctx context.Context) {
		x, err := chat.Open(path, chat.Options{})
		fyne.Do(func() {
			if err != nil {
				u.showDialog(dialog.NewInformation(lang.L("chat.title"), chatErrorMessage(err), u.win))
				return
			}
			if e.closed || u.vault == nil || u.vault.Locked() {
				x.Close()
				return
			}
			e.chatImport = newChatImportView(u, e, id, path, x)
			e.chatImport.show()
		})
	})
}

func newChatImportView(u *UI, ed *editorScreen, caseID, path string, x *chat.Export) *chatImportView {
	v := &chatImportView{u: u, ed: ed, caseID: caseID, path: path, x: x, ticked: map[int]bool{}, done: make(chan struct{})}
	v.meValues = []string{""}
	options := []string{lang.L("chat.me.nobody")}
	seen := map[string]bool{}
	for _, m := range x.Messages {
		if m.System || m.Sender == "" || seen[m.Sender] {
			continue
		}
		seen[m.Sender] = true
		v.meValues = append(v.meValues, m.Sender)
		options = append(options, m.Sender)
	}
	v.me = widget.NewSelect(options, nil)
	v.me.SetSelectedIndex(0)
	v.me.OnChanged = func(string) { v.refresh() }
	v.mode = widget.NewRadioGroup([]string{lang.L("chat.mode.all"), lang.L("chat.mode.range"), lang.L("chat.mode.ticked")}, nil)
	v.mode.Horizontal = true
	v.mode.SetSelected(v.mode.Options[0])
	v.mode.OnChanged = func(string) { v.refresh() }
	v.from = u.newEntry()
	v.from.SetPlaceHolder(lang.L("chat.range.from"))
	v.to = u.newEntry()
	v.to.SetPlaceHolder(lang.L("chat.range.to"))
	v.from.OnChanged = func(string) { v.refresh() }
	v.to.OnChanged = func(string) { v.refresh() }
	v.list = widget.NewList(func() int { return len(x.Messages) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewCheck("", nil), nil, l)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			l := row.Objects[0].(*widget.Label)
			ch := row.Objects[1].(*widget.Check)
			m := x.Messages[id]
			l.SetText(messageLine(m))
			ch.OnChanged = nil
			ch.SetChecked(v.ticked[id])
			ch.OnChanged = func(on bool) {
				v.ticked[id] = on
				if v.mode.Selected != v.mode.Options[2] {
					v.mode.SetSelected(v.mode.Options[2]) // ticking means "ticked ones"
				}
				v.refresh()
			}
		})
	v.problems = widget.NewLabel("")
	v.problems.Wrapping = fyne.TextWrapWord
	v.problems.Importance = widget.WarningImportance
	v.summary = widget.NewLabel("")
	v.summary.Wrapping = fyne.TextWrapWord
	v.summary.TextStyle.Bold = true
	v.importBt = widget.NewButton(lang.L("chat.import"), v.start)
	v.importBt.Importance = widget.HighImportance
	return v
}

// messageLine is a message as its row in the list shows it.
func messageLine(m chat.Message) string {
	text := strings.ReplaceAll(m.Text, "\n", " ")
	if len(m.Attachments) > 0 {
		text = strings.TrimSpace(text + " 📎 " + strings.Join(m.Attachments, ", "))
	}
	sender := m.Sender
	if m.System {
		sender = lang.L("chat.system")
	}
	return formatTime(m.Time) + " · " + sender + ": " + text
}

func (v *chatImportView) show() {
	u := v.u
	head := widget.NewLabel(lang.L("chat.head", map[string]any{"N": len(v.x.Messages), "File": filepath.Base(v.path)}))
	head.Wrapping = fyne.TextWrapWord
	rangeRow := container.NewGridWithColumns(2, v.from, v.to)
	top := container.NewVBox(head, v.problems,
		labelled(lang.L("chat.me"), v.me), v.mode, rangeRow)
	bottom := container.NewVBox(v.summary, container.NewHBox(v.importBt))
	content := visualBorder(top, bottom, nil, nil, v.list)
	v.dialog = dialog.NewCustom(lang.L("chat.title"), lang.L("chat.cancel"), content, u.win)
	v.dialog.Resize(fyne.NewSize(min(u.win.Canvas().Size().Width-40, 900), min(u.win.Canvas().Size().Height-40, 640)))
	u.showDialogClosing(v.dialog, func() { v.x.Close() })
	v.showProblems()
	v.refresh()
}

// showProblems lists the lines the reading could not place, with their
// numbers (their text is kept: see chat.Problem).
func (v *chatImportView) showProblems() {
	var lines []string
	for i, p := range v.x.Problems {
		if i == 5 {
			lines = append(lines, lang.L("chat.problems.more", map[string]any{"N": len(v.x.Problems) - 5}))
			break
		}
		lines = append(lines, lang.L(chatProblemKeys[p.Kind], map[string]any{"Line": p.Line}))
	}
	setNote(v.problems, strings.Join(lines, "\n"))
}

// chatProblemKeys are the messages of the kinds of problems a reading
// reports.
var chatProblemKeys = map[chat.ProblemKind]string{
	chat.ProblemBeforeFirst:  "chat.problem.before_first",
	chat.ProblemBadDate:      "chat.problem.bad_date",
	chat.ProblemDateOrder:    "chat.problem.date_order",
	chat.ProblemNoTime:       "chat.problem.no_time",
	chat.ProblemMissingMedia: "chat.problem.missing_media",
}

// request is what the form chooses.
func (v *chatImportView) request() (chatimport.Request, bool) {
	req := chatimport.Request{Case: v.caseID}
	if i := v.me.SelectedIndex(); i > 0 {
		req.Me = v.meValues[i]
	}
	switch v.mode.Selected {
	case v.mode.Options[1]:
		from, ok1 := rangeBound(v.from.Text, false)
		to, ok2 := rangeBound(v.to.Text, true)
		if !ok1 || !ok2 {
			return req, false
		}
		req.Selection.From, req.Selection.To = from, to
	case v.mode.Options[2]:
		req.Selection.Indexes = []int{}
		for i := range v.x.Messages {
			if v.ticked[i] {
				req.Selection.Indexes = append(req.Selection.Indexes, i)
			}
		}
	}
	return req, true
}

// rangeBound reads a typed date as the start of its day, or, for the end
// of the range, the start of the day after; "" is an open bound.
func rangeBound(s string, end bool) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, true
	}
	d, err := cases.ParseLocalDate(s)
	if err != nil || d.IsZero() {
		return time.Time{}, false
	}
	t := d.Time()
	t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.Local)
	if end {
		t = t.AddDate(0, 0, 1)
	}
	return t, true
}

// refresh plans the import as the form stands and says what it would add.
func (v *chatImportView) refresh() {
	req, ok := v.request()
	if !ok {
		v.summary.SetText(lang.L("chat.range.bad"))
		v.importBt.Disable()
		return
	}
	st := v.u.Store()
	if st == nil {
		return
	}
	plan, err := chatimport.Prepare(context.Background(), st, v.x, req)
	if err != nil {
		v.summary.SetText(chatErrorMessage(err))
		v.importBt.Disable()
		return
	}
	v.plan = plan
	v.summary.SetText(lang.L("chat.summary", map[string]any{
		"New": len(plan.Events), "Dup": len(plan.Duplicates), "Files": plan.Attachments,
		"Senders": len(plan.Senders), "Number": plan.CaseNumber}))
	if len(plan.Events) == 0 {
		v.importBt.Disable()
	} else {
		v.importBt.Enable()
	}
}

// start imports the chosen messages off the UI goroutine, with progress.
func (v *chatImportView) start() {
	req, ok := v.request()
	st := v.u.Store()
	if !ok || st == nil {
		return
	}
	v.importBt.Disable()
	ctx, stop := context.WithCancel(context.Background())
	p := newProgressDialog(v.u, lang.L("chat.title"), lang.L("chat.cancel"), stop)
	req.Progress = func(done, total int) { p.report(int64(done), int64(total)) }
	v.u.Go(func(hctx context.Context) {
		defer context.AfterFunc(hctx, stop)()
		defer stop()
		res, err := chatimport.Import(ctx, st, v.x, req)
		p.close()
		fyne.Do(func() {
			defer close(v.done)
			v.result, v.err = res, err
			if err != nil {
				if hctx.Err() == nil {
					v.summary.SetText(chatErrorMessage(err))
					v.importBt.Enable()
				}
				return
			}
			v.dialog.Hide()
			if !v.ed.closed {
				v.ed.reload()
			}
			offerToDeleteFile(v.u, v.path, lang.L("chat.done", map[string]any{"N": len(res.Events)}))
		})
	})
}

// offerToDeleteFile reminds the user that an imported file is still on
// disk, unencrypted, and offers to overwrite and remove it; done says what
// the import added.
func offerToDeleteFile(h Host, path, done string) {
	msg := widget.NewLabel(done + "\n\n" + lang.L("chat.delete.explain", map[string]any{"Path": path}))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.L("chat.delete.title"), lang.L("chat.delete.ok"), lang.L("chat.delete.keep"),
		msg, func(ok bool) {
			if !ok {
				return
			}
			if err := shredFile(path); err != nil {
				h.ShowDialog(dialog.NewInformation(lang.L("chat.delete.title"), lang.L("chat.delete.failed"), h.Window()), nil)
			}
		}, h.Window())
	d.Resize(fyne.NewSize(520, 0))
	h.ShowDialog(d, nil)
}

// shredFile overwrites a file with zeros, syncs it to the disk and removes
// it. On SSDs, journaling file systems and synced folders older copies of
// the blocks may survive: the dialog says so.
func shredFile(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return err
	}
	zeros := make([]byte, 1<<20)
	for left := info.Size(); left > 0; {
		n := int64(len(zeros))
		if left < n {
			n = left
		}
		if _, err := f.Write(zeros[:n]); err != nil {
			f.Close()
			return err
		}
		left -= n
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Remove(path)
}

// chatErrorMessage says what is wrong with an export, naming the line.
func chatErrorMessage(err error) string {
	var le *chat.LineError
	line := 0
	if errors.As(err, &le) {
		line = le.Line
	}
	key := ""
	switch {
	case errors.Is(err, chat.ErrTooLarge):
		key = "chat.err.too_large"
	case errors.Is(err, chat.ErrNotText):
		key = "chat.err.not_text"
	case errors.Is(err, chat.ErrNotUTF8):
		key = "chat.err.not_utf8"
	case errors.Is(err, chat.ErrNotChat):
		key = "chat.err.not_chat"
	case errors.Is(err, chat.ErrNotTelegram):
		key = "chat.err.not_telegram"
	case errors.Is(err, chat.ErrBadZip):
		key = "chat.err.bad_zip"
	case errors.Is(err, chat.ErrNoChatInZip):
		key = "chat.err.no_chat_in_zip"
	case errors.Is(err, chat.ErrLineTooLong):
		key = "chat.err.line_too_long"
	case errors.Is(err, chat.ErrMediaNotFound):
		key = "chat.err.media_not_found"
	case errors.Is(err, chatimport.ErrNothingToImport):
		key = "chat.err.nothing"
	default:
		return errorMessage(err)
	}
	msg := lang.L(key)
	if line > 0 {
		msg = lang.L("chat.err.at_line", map[string]any{"Line": strconv.Itoa(line), "Message": msg})
	}
	return msg
}
