package app

import (
	"fmt"

	"fyne.io/fyne/v2"

	"kintrace/cases/listmatch"
)

// tourListText is an invented published list for the screenshot tour: some
// lines are people of the demo vault, written as lists write them.
const tourListText = "Список военнопленных, май 2024\n" +
	"1. SOKOLOV Andrii V., 14.02.1991, Luhansk\n" +
	"2. Лебедев С.П., 1987 г.р., ИК-17 Мордовия\n" +
	"3. Гайдамака Остап Ігорович, 1990\n" +
	"4. Ковальчук Дмитрий Олегович 1985\n" +
	"5. Petrenko Ihor 1979\n" +
	"6. Захаров Артем, 1998 г.р.\n" +
	"7. Мельник Богдан 1993\n" +
	"8. Ткаченко Максим Юрьевич 2001\n"

// tourListMatch shows the results of matching a list against the demo
// vault, with two pairs decided.
func tourListMatch(u *UI, code string, shot func(name string) error) error {
	var v *listMatchView
	fyne.DoAndWait(func() {
		u.showDesk()
		v = showListMatch(u)
		v.paste.SetText(tourListText)
		v.name.SetText("POW list, May 2024")
	})
	if err := shot("list-match-input-" + code); err != nil {
		return err
	}
	fyne.DoAndWait(v.runMatch)
	<-v.work
	fyne.DoAndWait(func() {})
	r := v.results
	if r == nil || len(v.found) < 2 {
		return fmt.Errorf("app: tour: the list matched nothing")
	}
	fyne.DoAndWait(func() {
		for i, m := range v.found {
			switch {
			case i == 0:
				r.verdicts[pairKey(m.Line, m.Case.ID)] = listmatch.VerdictSame
			case i == 2:
				r.verdicts[pairKey(m.Line, m.Case.ID)] = listmatch.VerdictUnsure
			}
		}
		r.list.Refresh()
		r.update()
	})
	if err := shot("list-match-" + code); err != nil {
		return err
	}
	fyne.DoAndWait(func() { r.dialog.Hide(); v.dialog.Hide() })
	return nil
}
