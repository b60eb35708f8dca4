package app

import (
	"embed"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
)

//go:embed translations/proof
var proofTranslations embed.FS

func init() { registerTranslations(proofTranslations, "translations/proof") }

// Proof of life on the desk: silence counts from the last contact that a
// case worker confirmed came from the person himself; everything else that
// may be a sign of life (a message from an unknown number, a comrade's
// call) is shown beside it as unconfirmed and does not end the silence.

// proofLine describes a case's last confirmed contact and, when something
// unconfirmed came later, its last sign of life, for the editor's header.
func proofLine(c cases.Case, now time.Time) string {
	o := c.Overview()
	var parts []string
	if o.LastContact.IsZero() {
		parts = append(parts, lang.L("proof.never"))
	} else {
		parts = append(parts, lang.L("proof.last_confirmed", map[string]any{
			"Date": showDateStart(o.LastContact), "Days": strconv.Itoa(daysSince(o.LastContact, now))}))
	}
	if o.UnconfirmedSince() {
		parts = append(parts, lang.L("proof.last_sign", map[string]any{
			"Date": showDateStart(o.LastSign), "Days": strconv.Itoa(daysSince(o.LastSign, now))}))
	}
	return strings.Join(parts, " · ")
}

// showDateStart shows the day of an overview's date, which is the start of
// a case date in UTC (cases.Date.Time): in UTC, so no zone moves it to the
// day before.
func showDateStart(t time.Time) string { return cases.FormatDay(t.UTC(), dateOrder()) }

// daysSince is the whole days from t to now, never negative.
func daysSince(t, now time.Time) int { return max(int(now.Sub(t).Hours()/24), 0) }

// originLabel says who an event came from, for its row in the timeline;
// an inferred origin is marked as such.
func originLabel(ev cases.Event, p *cases.Person) string {
	o := ev.OriginIn(p)
	if o == "" || !ev.Type.IsContact() {
		return ""
	}
	if ev.Origin == "" {
		return lang.L("proof.origin.inferred", map[string]any{"Origin": enumLabel("origin", string(o))})
	}
	return enumLabel("origin", string(o))
}

// confirmEvent asks how the case worker knows that it was him (voice,
// video, a detail only he knows…) and marks the event as a confirmed
// contact from the person; done runs after a confirmation.
func confirmEvent(u *UI, ev *cases.Event, done func()) {
	how := widget.NewRadioGroup(nil, nil)
	values := enumKinds["confirmed_by"]
	for _, v := range values {
		how.Options = append(how.Options, enumLabel("confirmed_by", v))
	}
	how.SetSelected(how.Options[0])
	explain := widget.NewLabel(lang.L("proof.confirm.explain"))
	explain.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(explain, how)
	d := dialog.NewCustomConfirm(lang.L("proof.confirm.title"), lang.L("proof.confirm.ok"), lang.L("proof.confirm.cancel"),
		content, func(ok bool) {
			if !ok {
				return
			}
			for i, label := range how.Options {
				if label == how.Selected {
					ev.Confirm(cases.ConfirmedBy(values[i]))
				}
			}
			done()
		}, u.win)
	d.Resize(fyne.NewSize(460, 0))
	u.showDialog(d) // closed by a lock like every dialog
}
