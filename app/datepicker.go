package app

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
)

// datePicker is the small calendar the button beside a date field opens:
// a month, a year (typed, so a birth year decades back is quick) and the
// month's days, Monday first. Tapping a day fills the field with that full
// date and closes the dialog. (Fyne's own widget.Calendar names months in
// English only.)
type datePicker struct {
	prev, next *widget.Button
	month      *widget.Select
	year       *trackedEntry
	days       *fyne.Container
	dayButtons []*widget.Button
	dialog     *dialog.CustomDialog

	shown  time.Time // the first day of the month shown
	mark   time.Time // the day shown as a button: the field's date, else today
	onPick func(cases.Date)
}

// showDatePicker opens the calendar on the month of start, with the day
// mark stands out.
func showDatePicker(u *UI, start, mark time.Time, onPick func(cases.Date)) *datePicker {
	p := &datePicker{onPick: onPick, mark: mark, shown: time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC)}
	var months []string
	for m := 1; m <= 12; m++ {
		months = append(months, lang.L(monthKey(m)))
	}
	p.month = widget.NewSelect(months, func(string) {
		if i := p.month.SelectedIndex(); i >= 0 && time.Month(i+1) != p.shown.Month() {
			p.show(time.Date(p.shown.Year(), time.Month(i+1), 1, 0, 0, 0, 0, time.UTC))
		}
	})
	p.year = u.newEntry()
	p.year.SetPlaceHolder(lang.L("forms.date.year"))
	p.year.OnChanged = func(s string) {
		if y, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && y >= 1000 && y <= 9999 && y != p.shown.Year() {
			p.show(time.Date(y, p.shown.Month(), 1, 0, 0, 0, 0, time.UTC))
		}
	}
	p.prev = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { p.show(p.shown.AddDate(0, -1, 0)) })
	p.next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { p.show(p.shown.AddDate(0, 1, 0)) })
	p.days = container.NewGridWithColumns(7)
	head := visualBorder(nil, nil, p.prev, p.next,
		container.NewGridWithColumns(2, p.month, container.New(fixedWidth{width: 90}, p.year)))
	p.show(p.shown)
	p.dialog = dialog.NewCustom(lang.L("forms.date.title"), lang.L("forms.date.cancel"),
		container.NewVBox(head, p.days), u.win)
	u.showDialog(p.dialog)
	return p
}

// show fills the calendar with the month starting at first.
func (p *datePicker) show(first time.Time) {
	p.shown = first
	p.month.SetSelectedIndex(int(first.Month()) - 1)
	if y := strconv.Itoa(first.Year()); p.year.Text != y {
		p.year.SetText(y)
	}
	p.days.RemoveAll()
	p.dayButtons = nil
	for d := 1; d <= 7; d++ {
		l := widget.NewLabelWithStyle(lang.L(weekdayKey(d)), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		p.days.Add(l)
	}
	for range (int(first.Weekday()) + 6) % 7 { // Monday first
		p.days.Add(layout.NewSpacer())
	}
	for d := first; d.Month() == first.Month(); d = d.AddDate(0, 0, 1) {
		day := d
		b := widget.NewButton(strconv.Itoa(d.Day()), func() { p.pick(day) })
		if d.Year() != p.mark.Year() || d.YearDay() != p.mark.YearDay() {
			b.Importance = widget.LowImportance
		}
		p.dayButtons = append(p.dayButtons, b)
		p.days.Add(b)
	}
}

func (p *datePicker) pick(day time.Time) {
	p.dialog.Hide()
	p.onPick(cases.DayDate(day.Year(), day.Month(), day.Day()))
}

// monthKey and weekdayKey are the translation keys of month m (1 is
// January) and weekday d (1 is Monday).
func monthKey(m int) string   { return "forms.month." + strconv.Itoa(m) }
func weekdayKey(d int) string { return "forms.weekday." + strconv.Itoa(d) }
