package app

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
)

// placeSection is the Places tab: the person's last known locations.
type placeSection struct {
	itemList[placeItem]
	e   *editorScreen
	add *widget.Button

	content fyne.CanvasObject
}

type placeItem struct {
	date                                      *dateField
	name, region, lat, lon, source            *trackedEntry
	kind, confidence                          *enumSelect
	remove                                    *widget.Button
	general, nameErr, latErr, lonErr, dateErr *fieldError
	warns                                     fieldWarnings
	box                                       fyne.CanvasObject
}

func newPlaceSection(e *editorScreen) *placeSection {
	s := &placeSection{e: e, itemList: itemList[placeItem]{box: container.NewVBox()}}
	s.empty = widget.NewLabel(lang.L("editor.place.none"))
	s.empty.TextStyle.Italic = true
	s.add = widget.NewButtonWithIcon(lang.L("editor.place.add"), theme.ContentAddIcon(), func() {
		it := s.append(cases.Place{})
		e.changed()
		e.ui.win.Canvas().Focus(it.name)
	})
	s.content = container.NewVBox(s.empty, s.box, container.NewHBox(s.add))
	return s
}

func (s *placeSection) append(p cases.Place) *placeItem {
	e := s.e
	it := &placeItem{
		date: e.newDateField(), name: e.newEntry(), region: e.newEntry(), lat: e.newEntry(), lon: e.newEntry(),
		source: e.newEntry(), kind: e.newEnumSelect("place", true), confidence: e.newEnumSelect("confidence", true),
	}
	it.name.SetPlaceHolder(lang.L("editor.place.name.placeholder"))
	it.lat.SetPlaceHolder(lang.L("editor.place.lat.placeholder"))
	it.lon.SetPlaceHolder(lang.L("editor.place.lon.placeholder"))
	it.general = e.newFieldError(sectionPlaces)
	it.nameErr = e.newFieldError(sectionPlaces)
	it.latErr = e.newFieldError(sectionPlaces)
	it.lonErr = e.newFieldError(sectionPlaces)
	it.dateErr = e.newFieldError(sectionPlaces)
	it.warns = e.newFieldWarnings("name", "region", "date", "source")

	it.date.SetDate(p.Date)
	it.name.SetText(p.Name)
	it.kind.SetValue(string(p.Kind))
	it.region.SetText(p.Region)
	it.lat.SetText(formatCoord(p.Lat))
	it.lon.SetText(formatCoord(p.Lon))
	it.source.SetText(p.Source)
	it.confidence.SetValue(string(p.Confidence))

	it.remove = widget.NewButtonWithIcon(lang.L("editor.place.remove"), theme.DeleteIcon(), func() {
		s.removeItem(it)
		e.changed()
	})
	it.remove.Importance = widget.LowImportance
	fields := fieldGrid(2,
		formRow{lang.L("editor.field.place_name"), underField(it.name, it.nameErr, it.warns["name"])},
		formRow{lang.L("editor.field.kind"), it.kind},
		formRow{lang.L("editor.field.region"), underField(it.region, it.warns["region"])},
		formRow{lang.L("editor.field.date"), underField(it.date.box, it.dateErr, it.warns["date"])},
		formRow{lang.L("editor.field.lat"), underField(it.lat, it.latErr)},
		formRow{lang.L("editor.field.lon"), underField(it.lon, it.lonErr)},
		formRow{lang.L("editor.field.source"), underField(it.source, it.warns["source"])},
		formRow{lang.L("editor.field.confidence"), it.confidence},
	)
	body := container.NewVBox(fields, it.general.label,
		container.NewHBox(layout.NewSpacer(), it.remove))
	it.box = newPanel(body, theme.ColorNameInputBackground, false)
	s.push(it, it.box)
	return it
}

func (s *placeSection) removeItem(it *placeItem) { s.drop(it, it.box) }

func (s *placeSection) load(ps []cases.Place) {
	s.reset()
	for _, p := range ps {
		s.append(p)
	}
}

func (s *placeSection) collect(ps *cases.ValidationErrors, targets map[string]*fieldError) []cases.Place {
	var out []cases.Place
	for _, it := range s.items {
		path := "places[" + strconv.Itoa(len(out)) + "]"
		p := cases.Place{
			Date: it.date.Date(path+".date", ps), Name: trim(it.name.Text), Kind: cases.PlaceKind(it.kind.Value()),
			Region: trim(it.region.Text), Source: trim(it.source.Text),
			Confidence: cases.Confidence(it.confidence.Value()),
			Lat:        parseNumber(it.lat.Text, path+".lat", ps), Lon: parseNumber(it.lon.Text, path+".lon", ps),
		}
		if p.Date.IsZero() && p.Name == "" && p.Kind == "" && p.Region == "" && p.Source == "" &&
			p.Confidence == "" && trim(it.lat.Text) == "" && trim(it.lon.Text) == "" {
			continue // an empty card
		}
		targets[path] = it.general
		targets[path+".name"] = it.nameErr
		targets[path+".lat"] = it.latErr
		targets[path+".lon"] = it.lonErr
		targets[path+".date"] = it.dateErr
		it.warns.register(s.e.warnTargets, path)
		out = append(out, p)
	}
	return out
}

// parseNumber reads an optional decimal number (a comma works as the
// decimal separator, as Russian and Ukrainian keyboards type it).
func parseNumber(s, path string, ps *cases.ValidationErrors) *float64 {
	s = strings.ReplaceAll(strings.ReplaceAll(trim(s), " ", ""), ",", ".")
	if s == "" {
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		*ps = append(*ps, cases.ValidationError{Path: path, Msg: msgUnreadableNumber})
		return nil
	}
	return &f
}

func formatCoord(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// promiseSection is the "Promises and payments" tab: what was offered to
// the person or the family, by whom, and whether it was honoured.
type promiseSection struct {
	itemList[promiseItem]
	e   *editorScreen
	add *widget.Button

	content fyne.CanvasObject
}

type promiseItem struct {
	what, amount, currency, by      *trackedEntry
	honoured                        *widget.Select
	remove                          *widget.Button
	whatErr, amountErr, currencyErr *fieldError
	warns                           fieldWarnings
	box                             fyne.CanvasObject
}

func newPromiseSection(e *editorScreen) *promiseSection {
	s := &promiseSection{e: e, itemList: itemList[promiseItem]{box: container.NewVBox()}}
	s.empty = widget.NewLabel(lang.L("editor.promise.none"))
	s.empty.TextStyle.Italic = true
	s.add = widget.NewButtonWithIcon(lang.L("editor.promise.add"), theme.ContentAddIcon(), func() {
		it := s.append(cases.Promise{})
		e.changed()
		e.ui.win.Canvas().Focus(it.what)
	})
	s.content = container.NewVBox(s.empty, s.box, container.NewHBox(s.add))
	return s
}

// The choices of a promise's "honoured" select, index-aligned.
func honouredOptions() []string {
	return []string{lang.L("editor.promise.honoured.unknown"), lang.L("editor.promise.honoured.yes"),
		lang.L("editor.promise.honoured.no")}
}

func (s *promiseSection) append(p cases.Promise) *promiseItem {
	e := s.e
	it := &promiseItem{what: e.newEntry(), amount: e.newEntry(), currency: e.newEntry(), by: e.newEntry()}
	it.honoured = widget.NewSelect(honouredOptions(), func(string) { e.changed() })
	it.what.SetPlaceHolder(lang.L("editor.promise.what.placeholder"))
	it.by.SetPlaceHolder(lang.L("editor.promise.by.placeholder"))
	it.currency.SetPlaceHolder(lang.L("forms.currency.placeholder"))
	it.whatErr = e.newFieldError(sectionPromises)
	it.amountErr = e.newFieldError(sectionPromises)
	it.currencyErr = e.newFieldError(sectionPromises)
	it.warns = e.newFieldWarnings("what", "by")

	it.what.SetText(p.What)
	it.by.SetText(p.By)
	it.amount.SetText(formatCoord(p.Amount))
	it.currency.SetText(p.Currency)
	switch {
	case p.Honoured == nil:
		it.honoured.SetSelectedIndex(0)
	case *p.Honoured:
		it.honoured.SetSelectedIndex(1)
	default:
		it.honoured.SetSelectedIndex(2)
	}
	it.remove = widget.NewButtonWithIcon(lang.L("editor.promise.remove"), theme.DeleteIcon(), func() {
		s.removeItem(it)
		e.changed()
	})
	it.remove.Importance = widget.LowImportance
	money := container.NewGridWithColumns(2, underField(it.amount, it.amountErr), underField(it.currency, it.currencyErr))
	fields := fieldGrid(2,
		formRow{lang.L("editor.field.what"), underField(it.what, it.whatErr, it.warns["what"])},
		formRow{lang.L("editor.field.amount"), money},
		formRow{lang.L("editor.field.by"), underField(it.by, it.warns["by"])},
		formRow{lang.L("editor.field.honoured"), it.honoured},
	)
	body := container.NewVBox(fields,
		container.NewHBox(layout.NewSpacer(), it.remove))
	it.box = newPanel(body, theme.ColorNameInputBackground, false)
	s.push(it, it.box)
	return it
}

func (s *promiseSection) removeItem(it *promiseItem) { s.drop(it, it.box) }

func (s *promiseSection) load(ps []cases.Promise) {
	s.reset()
	for _, p := range ps {
		s.append(p)
	}
}

func (s *promiseSection) collect(ps *cases.ValidationErrors, targets map[string]*fieldError) []cases.Promise {
	var out []cases.Promise
	for _, it := range s.items {
		path := "promises[" + strconv.Itoa(len(out)) + "]"
		p := cases.Promise{
			What: trim(it.what.Text), By: trim(it.by.Text),
			Amount:   parseNumber(it.amount.Text, path+".amount", ps),
			Currency: strings.ToUpper(trim(it.currency.Text)),
		}
		switch it.honoured.SelectedIndex() {
		case 1:
			p.Honoured = new(true)
		case 2:
			p.Honoured = new(false)
		}
		if p.What == "" && p.By == "" && trim(it.amount.Text) == "" && p.Currency == "" && p.Honoured == nil {
			continue // an empty card
		}
		targets[path+".what"] = it.whatErr
		targets[path+".amount"] = it.amountErr
		targets[path+".currency"] = it.currencyErr
		it.warns.register(s.e.warnTargets, path)
		out = append(out, p)
	}
	return out
}

// itemList is the list part of a repeated editor section (places,
// promises): its items, the box that shows them and the "none yet" label.
type itemList[T any] struct {
	items []*T
	box   *fyne.Container
	empty *widget.Label
}

// push adds an item and its view at the end.
func (l *itemList[T]) push(it *T, view fyne.CanvasObject) {
	l.items = append(l.items, it)
	l.box.Add(view)
	l.empty.Hide()
}

// drop removes an item and its view.
func (l *itemList[T]) drop(it *T, view fyne.CanvasObject) {
	l.items = slices.DeleteFunc(l.items, func(x *T) bool { return x == it })
	l.box.Remove(view)
	if len(l.items) == 0 {
		l.empty.Show()
	}
}

// reset empties the list.
func (l *itemList[T]) reset() {
	l.items = nil
	l.box.RemoveAll()
	l.empty.Show()
}
