package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
	"kintrace/cases/patterns"
	"kintrace/cases/vault"
)

// dupesView is the "Possible duplicates" window: pairs of cases that are
// probably the same person, best first, with the score and the reasons;
// each pair can be merged (and the merge undone) or marked "not the same
// person". The search runs off the UI goroutine with progress and a cancel
// button.
type dupesView struct {
	host Host
	v    *vault.Vault

	progress  *widget.ProgressBar
	cancel    *widget.Button
	status    *widget.Label
	list      *fyne.Container
	undo      *widget.Button
	busy      *fyne.Container
	content   fyne.CanvasObject
	dialog    dialog.Dialog
	confirm   *dialog.ConfirmDialog // the merge comparison on show, if any
	mergeView *mergeView            // what it shows

	mu       sync.Mutex
	stop     context.CancelFunc
	pairs    []patterns.Duplicate
	rows     []*dupeRow
	lastInto string // the case the last merge went into, for Undo
	work     sync.WaitGroup
}

// dupeRow is one suggested pair.
type dupeRow struct {
	d        patterns.Duplicate
	merge    *widget.Button
	notSame  *widget.Button
	box      *fyne.Container
	resolved *widget.Label
}

func showDupesView(h Host) *dupesView {
	v := h.Store()
	if v == nil {
		return nil
	}
	d := newDupesView(h, v)
	d.dialog = dialog.NewCustom(lang.L("patterns.dupes.title"), lang.L("patterns.close"), d.content, h.Window())
	d.dialog.Resize(dialogSize(h.Window()))
	showHostDialog(h, d.dialog, d.stopSearch)
	d.search()
	return d
}

func newDupesView(h Host, v *vault.Vault) *dupesView {
	d := &dupesView{host: h, v: v}
	d.progress = widget.NewProgressBar()
	d.cancel = widget.NewButtonWithIcon(lang.L("patterns.cancel"), theme.CancelIcon(), d.stopSearch)
	d.status = widget.NewLabel("")
	d.status.Wrapping = fyne.TextWrapWord
	d.list = container.NewVBox()
	d.undo = widget.NewButtonWithIcon(lang.L("patterns.dupes.undo"), theme.ContentUndoIcon(), d.undoMerge)
	d.undo.Hide()
	d.busy = container.NewBorder(nil, nil, nil, d.cancel, d.progress)
	top := container.NewVBox(d.busy, container.NewBorder(nil, nil, nil, d.undo, d.status))
	d.content = container.NewBorder(top, nil, nil, nil, container.NewVScroll(d.list))
	return d
}

// maxDupesShown caps the pairs listed: each is a row of widgets, and the
// best are first; a pair resolved makes room for the next on the next run.
const maxDupesShown = 200

// search computes the suggestions off the UI goroutine.
func (d *dupesView) search() {
	ctx, cancel := context.WithCancel(context.Background())
	d.mu.Lock()
	d.stop = cancel
	d.mu.Unlock()
	d.status.SetText(lang.L("patterns.dupes.searching"))
	d.busy.Show()
	d.progress.SetValue(0)
	d.work.Add(1)
	d.host.Go(func(hctx context.Context) {
		defer d.work.Done()
		defer context.AfterFunc(hctx, cancel)()
		defer cancel()
		ds, err := d.v.Duplicates(ctx, patterns.DupeOptions{Limit: maxDupesShown, Progress: func(done, total int) {
			if total > 0 {
				f := float64(done) / float64(total)
				fyne.Do(func() { d.progress.SetValue(f) })
			}
		}})
		fyne.Do(func() { d.showResult(ds, err) })
	})
}

func (d *dupesView) stopSearch() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.stop != nil {
		d.stop()
	}
}

func (d *dupesView) showResult(ds []patterns.Duplicate, err error) {
	d.busy.Hide()
	if err != nil {
		if errors.Is(err, context.Canceled) {
			d.status.SetText(lang.L("patterns.dupes.cancelled"))
		} else {
			d.status.SetText(patternError(err))
		}
		return
	}
	d.pairs = ds
	d.rows = nil
	d.list.RemoveAll()
	if len(ds) == 0 {
		d.status.SetText(lang.L("patterns.dupes.none"))
		return
	}
	d.status.SetText(plural("count.dupes_found", len(ds), map[string]any{"N": len(ds)}))
	for _, p := range ds {
		r := d.row(p)
		d.rows = append(d.rows, r)
		d.list.Add(r.box)
	}
	d.list.Refresh()
}

// row builds one pair: score, the two cases, the reasons and the actions.
func (d *dupesView) row(p patterns.Duplicate) *dupeRow {
	r := &dupeRow{d: p, resolved: widget.NewLabel("")}
	r.resolved.Hide()
	hide := func() {
		if d.dialog != nil {
			d.dialog.Hide()
		}
	}
	score := widget.NewLabel(fmt.Sprintf("%d", p.Score))
	score.TextStyle = fyne.TextStyle{Bold: true}
	var reasons []string
	for _, rs := range p.Reasons {
		s := lang.L(reasonKeys[rs.Kind])
		if rs.Detail != "" {
			s += " (" + rs.Detail + ")"
		}
		reasons = append(reasons, fmt.Sprintf("%s %+d", s, rs.Points))
	}
	r.merge = widget.NewButtonWithIcon(lang.L("patterns.dupes.merge"), theme.ContentPasteIcon(), func() { d.confirmMerge(r) })
	r.notSame = widget.NewButtonWithIcon(lang.L("patterns.dupes.not_same"), theme.CancelIcon(), func() { d.markNotSame(r) })
	cases2 := container.NewVBox(caseButton(d.host, p.A, hide), caseButton(d.host, p.B, hide), dimLabel(strings.Join(reasons, "; ")))
	// The actions under the two cases, so that Tab reaches both cases
	// before the buttons, as they read.
	actions := container.NewHBox(r.merge, r.notSame, r.resolved)
	scoreBox := container.New(layout.NewGridWrapLayout(fyne.NewSize(48, score.MinSize().Height)), score)
	r.box = container.NewVBox(visualBorder(nil, nil, scoreBox, nil, container.NewVBox(cases2, actions)), widget.NewSeparator())
	return r
}

// confirmMerge reads both cases and shows them side by side (mergeView):
// the fuller case is kept by default; the person may change that and
// choose, field by field, whose value stays. Then it merges.
func (d *dupesView) confirmMerge(r *dupeRow) {
	d.work.Add(1)
	d.host.Go(func(ctx context.Context) {
		defer d.work.Done()
		p, err := loadMergePair(ctx, d.v, r.d.A.ID, r.d.B.ID)
		fyne.Do(func() {
			if err != nil {
				d.status.SetText(patternError(err))
				return
			}
			d.mergeView = newMergeView(p.a, p.b, p.attA, p.attB)
			d.confirm = showMergeDialog(d.host, d.mergeView, lang.L("merge.confirm"), func(keep, other cases.Case, take []string) {
				d.merge(r, refOf(other), refOf(keep), take)
			})
		})
	})
}

func (d *dupesView) merge(r *dupeRow, from, into patterns.CaseRef, take []string) {
	d.work.Add(1)
	d.host.Go(func(ctx context.Context) {
		defer d.work.Done()
		_, _, err := d.v.MergeChoosing(ctx, from.ID, into.ID, take)
		fyne.Do(func() {
			if err != nil {
				d.status.SetText(patternError(err))
				return
			}
			d.lastInto = into.ID
			d.resolve(r, lang.X("patterns.dupes.merged", "Merged into {{.Number}}", map[string]any{"Number": into.Number}))
			d.status.SetText(lang.X("patterns.dupes.merged_status", "{{.From}} was merged into {{.Into}}. Nothing was deleted.",
				map[string]any{"From": from.Number, "Into": into.Number}))
			d.undo.Show()
			d.host.Refresh()
		})
	})
}

func (d *dupesView) undoMerge() {
	into := d.lastInto
	if into == "" {
		return
	}
	d.work.Add(1)
	d.host.Go(func(ctx context.Context) {
		defer d.work.Done()
		from, to, err := d.v.UndoMerge(ctx, into)
		fyne.Do(func() {
			if err != nil {
				d.status.SetText(patternError(err))
				return
			}
			d.lastInto = ""
			d.undo.Hide()
			d.status.SetText(lang.X("patterns.dupes.undone", "Merge undone: {{.From}} and {{.Into}} are as they were.",
				map[string]any{"From": from.Number, "Into": to.Number}))
			for _, r := range d.rows {
				if (r.d.A.ID == from.ID || r.d.B.ID == from.ID) && (r.d.A.ID == to.ID || r.d.B.ID == to.ID) {
					d.unresolve(r)
				}
			}
			d.host.Refresh()
		})
	})
}

func (d *dupesView) markNotSame(r *dupeRow) {
	d.work.Add(1)
	d.host.Go(func(ctx context.Context) {
		defer d.work.Done()
		err := d.v.MarkNotSame(ctx, r.d.A.ID, r.d.B.ID)
		fyne.Do(func() {
			if err != nil {
				d.status.SetText(patternError(err))
				return
			}
			d.resolve(r, lang.L("patterns.dupes.marked_not_same"))
		})
	})
}

// resolve shows what was done with a pair in place of its buttons.
func (d *dupesView) resolve(r *dupeRow, text string) {
	r.merge.Hide()
	r.notSame.Hide()
	r.resolved.SetText(text)
	r.resolved.Show()
}

func (d *dupesView) unresolve(r *dupeRow) {
	r.merge.Show()
	r.notSame.Show()
	r.resolved.Hide()
}
