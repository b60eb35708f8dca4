package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
	"kintrace/cases/listmatch"
	"kintrace/cases/listmatch/listrecord"
	"kintrace/cases/patterns"
)

// listMatchResults is the table of likely pairs, best first: the list's
// line beside the case, the score and the reasons, and the person's
// verdict; then what to record.
type listMatchResults struct {
	v        *listMatchView
	verdicts map[string]listmatch.Verdict // by pairKey
	list     *widget.List
	summary  *widget.Label
	changeSt *widget.Check
	statusTo *widget.Select
	keep     *widget.Check
	record   *widget.Button
	note     *widget.Label
	dialog   dialog.Dialog
	res      listrecord.Result
}

func pairKey(line int, caseID string) string { return strconv.Itoa(line) + "|" + caseID }

// verdictKeys are the labels of the verdicts, in the order shown.
var verdictKeys = []struct {
	v   listmatch.Verdict
	key string
}{
	{listmatch.VerdictSame, "listmatch.verdict.same"},
	{listmatch.VerdictNotSame, "listmatch.verdict.not_same"},
	{listmatch.VerdictUnsure, "listmatch.verdict.unsure"},
}

func verdictLabel(x listmatch.Verdict) string {
	for _, k := range verdictKeys {
		if k.v == x {
			return lang.L(k.key)
		}
	}
	return ""
}

func showListMatchResults(v *listMatchView, saved *listmatch.Decisions) *listMatchResults {
	r := &listMatchResults{v: v, verdicts: map[string]listmatch.Verdict{}}
	if saved != nil {
		// The same list matched before: its verdicts come back.
		byRow := map[int]int{}
		for i, l := range v.lines {
			byRow[l.Row] = i
		}
		for _, d := range saved.Decisions {
			if i, ok := byRow[d.Row]; ok {
				r.verdicts[pairKey(i, d.Case)] = d.Verdict
			}
		}
	}
	r.summary = widget.NewLabel("")
	r.summary.Wrapping = fyne.TextWrapWord
	r.list = widget.NewList(func() int { return len(v.found) }, r.newRow, r.updateRow)
	statuses := make([]string, len(cases.AllStatuses))
	for i, s := range cases.AllStatuses {
		statuses[i] = statusLabel(s)
	}
	r.statusTo = widget.NewSelect(statuses, nil)
	r.statusTo.SetSelectedIndex(indexOfStatus(cases.StatusDetained))
	r.statusTo.Disable()
	r.changeSt = widget.NewCheck(lang.L("listmatch.status_change"), func(on bool) {
		if on {
			r.statusTo.Enable()
		} else {
			r.statusTo.Disable()
		}
	})
	r.keep = widget.NewCheck(lang.L("listmatch.keep"), nil)
	r.record = widget.NewButton("", r.runRecord)
	r.record.Importance = widget.HighImportance
	r.note = widget.NewLabel("")
	r.note.Wrapping = fyne.TextWrapWord
	r.note.Hide()
	r.update()

	bottom := container.NewVBox(widget.NewSeparator(), container.NewHBox(r.changeSt, r.statusTo), r.keep, r.note,
		container.NewHBox(r.record))
	content := visualBorder(r.summary, bottom, nil, nil, r.list)
	r.dialog = dialog.NewCustom(lang.L("listmatch.results.title"), lang.L("listmatch.close"), content, v.host.Window())
	size := v.host.Window().Canvas().Size()
	r.dialog.Resize(fyne.NewSize(size.Width-20, size.Height-20))
	v.host.ShowDialog(r.dialog, r.saveOnClose)
	return r
}

// saveOnClose seals the verdicts given when the table closes, so that
// matching the same list again shows them (recording saves them too).
func (r *listMatchResults) saveOnClose() {
	st := r.v.host.Store()
	info, _ := r.v.info()
	d := r.decisions(info)
	if st == nil || len(d.Decisions) == 0 {
		return
	}
	key := listrecord.ListKey(r.v.lines)
	r.v.host.Go(func(ctx context.Context) {
		// A vault locked meanwhile refuses: the verdicts are then lost,
		// as a closed window's would be.
		_ = listrecord.SaveDecisions(ctx, st, key, d)
	})
}

func indexOfStatus(s cases.Status) int {
	for i, x := range cases.AllStatuses {
		if x == s {
			return i
		}
	}
	return 0
}

// listRow is one pair's row: score, the line, the case with the reasons,
// the verdict.
type listRow struct {
	widget.BaseWidget
	score   *widget.Label
	line    *widget.Label
	where   *widget.Label
	cas     *widget.Label
	reasons *widget.Label
	verdict *widget.RadioGroup
	box     *fyne.Container
}

func (r *listMatchResults) newRow() fyne.CanvasObject {
	row := &listRow{score: widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true}),
		line: widget.NewLabel(""), where: widget.NewLabel(""), cas: widget.NewLabel(""), reasons: widget.NewLabel("")}
	for _, l := range []*widget.Label{row.line, row.cas, row.reasons} {
		l.Truncation = fyne.TextTruncateEllipsis
	}
	row.where.Importance = widget.LowImportance
	row.line.TextStyle.Bold = true
	labels := make([]string, len(verdictKeys))
	for i, k := range verdictKeys {
		labels[i] = lang.L(k.key)
	}
	row.verdict = widget.NewRadioGroup(labels, nil)
	row.verdict.Horizontal = true
	// The list's line on the left, the case on the right; the reasons
	// below, the verdict under the case.
	row.box = container.NewBorder(nil, nil, row.score, nil, container.NewVBox(
		container.NewGridWithColumns(2, row.line, row.cas),
		container.NewBorder(nil, nil, row.where, nil, row.reasons),
		container.NewGridWithColumns(2, layout.NewSpacer(), row.verdict)))
	row.ExtendBaseWidget(row)
	return row
}

func (r *listRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

func (r *listMatchResults) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	row := o.(*listRow)
	m := r.v.found[id]
	l := r.v.lines[m.Line]
	row.score.SetText(strconv.Itoa(m.Score))
	row.line.SetText(l.Text)
	row.where.SetText(lang.L("listmatch.row", map[string]any{"Row": l.Row}))
	o2 := r.v.overviews[m.Case.ID]
	caseText := m.Case.Number + "  " + m.Case.Name
	if o2.BirthYear > 0 {
		caseText += ", " + strconv.Itoa(o2.BirthYear)
	}
	if o2.Status != "" {
		caseText += " · " + statusLabel(o2.Status)
	}
	row.cas.SetText(caseText)
	row.reasons.SetText(listReasonsText(m.Reasons))
	key := pairKey(m.Line, m.Case.ID)
	row.verdict.OnChanged = nil
	row.verdict.SetSelected(verdictLabel(r.verdicts[key]))
	row.verdict.OnChanged = func(s string) {
		r.verdicts[key] = ""
		for _, k := range verdictKeys {
			if lang.L(k.key) == s {
				r.verdicts[key] = k.v
			}
		}
		r.update()
	}
}

// listReasonKeys are the lang keys of the reasons of a list match.
var listReasonKeys = map[patterns.ReasonKind]string{
	patterns.ReasonSameName: "listmatch.reason.same_name", patterns.ReasonShortForm: "listmatch.reason.short_form",
	patterns.ReasonSimilarSurname: "listmatch.reason.similar_surname", patterns.ReasonSimilarFirstName: "listmatch.reason.similar_first_name",
	patterns.ReasonInitial: "listmatch.reason.initial", patterns.ReasonSamePatronymic: "listmatch.reason.same_patronymic",
	patterns.ReasonPatronymicInitial: "listmatch.reason.patronymic_initial", patterns.ReasonPatronymicDiffer: "listmatch.reason.patronymic_differs",
	patterns.ReasonSameBirthYear: "listmatch.reason.same_birth_year", patterns.ReasonNearBirthYear: "listmatch.reason.near_birth_year",
	patterns.ReasonBirthYearDiffers: "listmatch.reason.birth_year_differs", patterns.ReasonSameFacility: "listmatch.reason.same_facility",
	patterns.ReasonFacilityDiffers: "listmatch.reason.facility_differs", patterns.ReasonSameRegion: "listmatch.reason.same_region",
}

// listReasonsText lists reasons as "same birth year (1987) +25 · …".
func listReasonsText(rs []patterns.Reason) string {
	parts := make([]string, len(rs))
	for i, x := range rs {
		s := string(x.Kind)
		if k, ok := listReasonKeys[x.Kind]; ok {
			s = lang.L(k)
		}
		if x.Detail != "" {
			s += " (" + x.Detail + ")"
		}
		parts[i] = fmt.Sprintf("%s %+d", s, x.Points)
	}
	return strings.Join(parts, " · ")
}

// confirmed are the pairs marked "same person", in the table's order.
func (r *listMatchResults) confirmed() []patterns.ListMatch {
	var out []patterns.ListMatch
	for _, m := range r.v.found {
		if r.verdicts[pairKey(m.Line, m.Case.ID)] == listmatch.VerdictSame {
			out = append(out, m)
		}
	}
	return out
}

// update says how many pairs there are and how many are confirmed.
func (r *listMatchResults) update() {
	n := len(r.confirmed())
	decided := 0
	for _, x := range r.verdicts {
		if x != "" {
			decided++
		}
	}
	r.summary.SetText(lang.L("listmatch.results.summary", map[string]any{"Pairs": len(r.v.found), "Lines": len(r.v.lines), "Decided": decided}))
	r.record.SetText(lang.L("listmatch.record", map[string]any{"N": n}))
	if n == 0 {
		r.record.Disable()
	} else {
		r.record.Enable()
	}
}

// decisions are the verdicts given, for sealing in the vault.
func (r *listMatchResults) decisions(info listmatch.Info) listmatch.Decisions {
	d := listmatch.Decisions{List: info.Name, Date: info.Date, Source: info.Source, Decisions: []listmatch.Decision{}}
	for _, m := range r.v.found {
		if x := r.verdicts[pairKey(m.Line, m.Case.ID)]; x != "" {
			d.Decisions = append(d.Decisions, listmatch.Decision{Row: r.v.lines[m.Line].Row, Case: m.Case.ID, Verdict: x})
		}
	}
	return d
}

// runRecord records the confirmed pairs (listrecord.Record): one event
// each, the status if chosen, the list if kept; and seals the verdicts.
func (r *listMatchResults) runRecord() {
	v := r.v
	st := v.host.Store()
	info, ok := v.info()
	if st == nil || !ok {
		return
	}
	req := listrecord.Request{Info: info}
	var status cases.Status
	if r.changeSt.Checked && r.statusTo.SelectedIndex() >= 0 {
		status = cases.AllStatuses[r.statusTo.SelectedIndex()]
	}
	for _, m := range r.confirmed() {
		req.Confirmed = append(req.Confirmed, listrecord.Confirmed{Line: v.lines[m.Line], Case: m.Case.ID, Status: status})
	}
	if r.keep.Checked {
		data, name, err := v.listBytes(info)
		if err != nil {
			setNote(r.note, errorMessage(err))
			return
		}
		req.List, req.ListName = data, name
	}
	decisions := r.decisions(info)
	key := listrecord.ListKey(v.lines)
	r.record.Disable()
	v.work = make(chan struct{})
	done := v.work
	v.host.Go(func(ctx context.Context) {
		defer close(done)
		res, err := listrecord.Record(ctx, st, req)
		if err == nil {
			err = listrecord.SaveDecisions(ctx, st, key, decisions)
		}
		fyne.Do(func() {
			v.err = err
			r.update()
			if err != nil {
				if ctx.Err() == nil {
					setNote(r.note, errorMessage(err))
				}
				return
			}
			r.res = res
			done := lang.L("listmatch.recorded", map[string]any{"Added": res.Added, "Already": res.Already,
				"Statuses": res.Statuses, "Kept": res.Attachments})
			setNote(r.note, done)
			v.host.Refresh()
			if res.Attachments > 0 && v.path != "" {
				// The list is in the vault now: offer to remove the
				// unencrypted file it came from.
				offerToDeleteFile(v.host, v.path, done)
			}
		})
	})
}
