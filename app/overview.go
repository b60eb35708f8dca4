package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
	"kintrace/cases/patterns"
	"kintrace/cases/search"
	"kintrace/cases/vault"
)

// silentWeeksPref is the preference that keeps the "silent longer than"
// threshold: a number of weeks, a harmless UI setting.
const silentWeeksPref = "patterns.silent_weeks"

var silentChoices = []int{2, 4, 8, 12, 26}

// topFacets is how many facilities and regions the charts show.
const topFacets = 6

// silentBucket is a bar of the "weeks since last contact" chart.
type silentBucket struct {
	key      string // lang key
	minWeeks int    // from (inclusive)
	maxWeeks int    // to (exclusive); 0: no end
	color    fyne.ThemeColorName
}

var silentBuckets = []silentBucket{
	{"patterns.overview.weeks.0_1", 0, 1, ""},
	{"patterns.overview.weeks.1_2", 1, 2, ""},
	{"patterns.overview.weeks.2_4", 2, 4, ""},
	{"patterns.overview.weeks.4_8", 4, 8, theme.ColorNameWarning},
	{"patterns.overview.weeks.8_13", 8, 13, theme.ColorNameWarning},
	{"patterns.overview.weeks.13_26", 13, 26, theme.ColorNameError},
	{"patterns.overview.weeks.26_52", 26, 52, theme.ColorNameError},
	{"patterns.overview.weeks.52", 52, 0, theme.ColorNameError},
	// Open cases with no confirmed contact at all.
	{"proof.overview.never", -1, -1, theme.ColorNameError},
}

// overviewView is the "Overview" dashboard: cases by status, by facility,
// by region and by weeks since last contact as bar charts (a tap on a bar
// shows those cases in the list), the open cases silent longer than a
// chosen number of weeks, and events per week over time.
type overviewView struct {
	host Host
	v    *vault.Vault
	now  time.Time

	status, weeks, facility, region *barChart
	silentFor                       *widget.Select
	silent                          *fyne.Container
	silentTitle                     *widget.Label
	events                          *columnChart
	eventsNote                      *widget.Label
	total                           *widget.Label
	content                         fyne.CanvasObject
	dialog                          dialog.Dialog

	list []cases.Overview // the cases, silent longest first

	mu   sync.Mutex
	stop context.CancelFunc
	work sync.WaitGroup
}

func showOverview(h Host, now time.Time) *overviewView {
	v := h.Store()
	if v == nil {
		return nil
	}
	o := newOverviewView(h, v, now)
	o.dialog = dialog.NewCustom(lang.L("patterns.overview.title"), lang.L("patterns.close"), o.content, h.Window())
	o.dialog.Resize(dialogSize(h.Window()))
	showHostDialog(h, o.dialog, o.stopWork)
	o.countEvents()
	return o
}

func newOverviewView(h Host, v *vault.Vault, now time.Time) *overviewView {
	o := &overviewView{host: h, v: v, now: now}
	o.list = v.Search(search.Query{Sort: search.SortSilentLongest})
	o.total = widget.NewLabel(countText(len(o.list)))
	o.total.TextStyle = fyne.TextStyle{Bold: true}
	o.status = newBarChart(o.statusBars())
	o.weeks = newBarChart(o.weekBars())
	facets := v.Index().Facets()
	o.facility = newBarChart(o.facetBars(facets.Facilities, func(s string) search.Query { return search.Query{Facility: s} }))
	o.region = newBarChart(o.facetBars(regionFacets(facets.Regions), func(s string) search.Query { return search.Query{Region: s} }))
	o.events = newColumnChart()
	o.eventsNote = dimLabel(lang.L("patterns.overview.events_counting"))

	labels := make([]string, len(silentChoices))
	for i, w := range silentChoices {
		labels[i] = plural("count.weeks", w, map[string]any{"N": w})
	}
	o.silent = container.NewVBox()
	o.silentTitle = boldLabel("")
	o.silentFor = widget.NewSelect(labels, func(string) {
		if i := o.silentFor.SelectedIndex(); i >= 0 {
			fyne.CurrentApp().Preferences().SetInt(silentWeeksPref, silentChoices[i])
		}
		o.fillSilent()
	})
	want := fyne.CurrentApp().Preferences().IntWithFallback(silentWeeksPref, 4)
	o.silentFor.SetSelectedIndex(max(0, slices.Index(silentChoices, want)))

	card := func(key string, body fyne.CanvasObject) fyne.CanvasObject {
		return widget.NewCard("", "", container.NewBorder(boldLabel(lang.L(key)), nil, nil, nil, body))
	}
	silentHead := container.NewBorder(nil, nil, widget.NewLabel(lang.L("patterns.overview.silent_for")), nil, o.silentFor)
	charts := container.NewGridWithColumns(3,
		card("patterns.overview.by_status", o.status),
		card("patterns.overview.by_weeks", o.weeks),
		widget.NewCard("", "", visualBorder(container.NewVBox(silentHead, o.silentTitle), nil, nil, nil, o.silent)),
		card("patterns.overview.by_facility", o.facility),
		card("patterns.overview.by_region", o.region),
		card("patterns.overview.events_per_week", container.NewBorder(nil, o.eventsNote, nil, nil, o.events)),
	)
	hint := widget.NewLabel(lang.L("patterns.overview.hint"))
	o.content = container.NewVScroll(container.NewVBox(container.NewBorder(nil, nil, o.total, nil, hint), charts))
	return o
}

// show filters the case list and closes the dashboard.
func (o *overviewView) show(q search.Query) {
	if o.dialog != nil {
		o.dialog.Hide()
	}
	o.host.ShowCases(q)
}

func (o *overviewView) statusBars() []bar {
	counts := map[cases.Status]int{}
	for _, c := range o.list {
		counts[c.Status]++
	}
	var bars []bar
	for _, s := range cases.AllStatuses {
		if counts[s] == 0 {
			continue
		}
		bars = append(bars, bar{Label: statusLabel(s), Value: counts[s], Color: statusColor(s),
			OnTapped: func() { o.show(search.Query{Status: s}) }})
	}
	return bars
}

// statusColor gives the statuses that need action a warning colour.
func statusColor(s cases.Status) fyne.ThemeColorName {
	switch s {
	case cases.StatusContactLost:
		return theme.ColorNameWarning
	case cases.StatusDeceased:
		return theme.ColorNameError
	case cases.StatusLocated, cases.StatusReturned:
		return theme.ColorNameSuccess
	}
	return ""
}

// silentWeeks is how many whole weeks an open case has been silent, and
// false for a case that is not open (located, returned, closed…).
func (o *overviewView) silentWeeks(c cases.Overview) (int, bool) {
	if !activeStatus(c.Status) {
		return 0, false
	}
	since := c.LastContact
	if since.IsZero() {
		since = c.CreatedAt
	}
	if since.IsZero() {
		return 0, false
	}
	return max(0, int(o.now.Sub(since)/(7*24*time.Hour))), true
}

func (o *overviewView) weekBars() []bar {
	counts := make([]int, len(silentBuckets))
	for _, c := range o.list {
		w, ok := o.silentWeeks(c)
		if !ok {
			continue
		}
		if c.LastContact.IsZero() {
			counts[len(counts)-1]++
			continue
		}
		for i, b := range silentBuckets {
			if w >= b.minWeeks && (b.maxWeeks == 0 || w < b.maxWeeks) {
				counts[i]++
				break
			}
		}
	}
	bars := make([]bar, len(silentBuckets))
	for i, b := range silentBuckets {
		bars[i] = bar{Label: lang.L(b.key), Value: counts[i], Color: b.color,
			OnTapped: func() { o.show(search.Query{Sort: search.SortSilentLongest}) }}
	}
	return bars
}

func (o *overviewView) facetBars(facets []search.Facet, query func(string) search.Query) []bar {
	var bars []bar
	for i, f := range facets {
		if i == topFacets {
			break
		}
		bars = append(bars, bar{Label: f.Value, Value: f.Count, OnTapped: func() { o.show(query(f.Value)) }})
	}
	if len(bars) == 0 {
		bars = append(bars, bar{Label: lang.L("patterns.overview.none"), Value: 0})
	}
	return bars
}

// regionFacets names the regions the gazetteer knows in the GUI's language
// ("Mordovia", "Мордовия"); the rest stay as the cases write them. The index
// groups every spelling of a region into one facet, and a name in any
// language filters the same cases (search.RegionKey).
func regionFacets(facets []search.Facet) []search.Facet {
	code := currentLanguage()
	out := make([]search.Facet, len(facets))
	for i, f := range facets {
		out[i] = search.Facet{Value: search.RegionName(f.Value, code), Count: f.Count}
	}
	return out
}

// maxSilentListed caps the silent cases listed; the list is sorted, so the
// rest are a tap away in the case list.
const maxSilentListed = 7

// fillSilent lists the open cases silent longer than the chosen threshold.
func (o *overviewView) fillSilent() {
	i := o.silentFor.SelectedIndex()
	if i < 0 {
		return
	}
	limit := silentChoices[i]
	o.silent.RemoveAll()
	n := 0
	for _, c := range o.list {
		w, ok := o.silentWeeks(c)
		if !ok || (w < limit && !c.LastContact.IsZero()) {
			continue
		}
		if n < maxSilentListed {
			ref := patterns.CaseRef{ID: c.ID, Number: c.Number, Name: c.Name}
			b := caseButton(o.host, ref, func() {
				if o.dialog != nil {
					o.dialog.Hide()
				}
			})
			b.SetText(c.Number)
			name := widget.NewLabel(plural("count.silent_row", w,
				map[string]any{"Name": c.Name, "Weeks": w}))
			if c.LastContact.IsZero() {
				name.SetText(lang.L("proof.overview.never_row", map[string]any{"Name": c.Name, "Weeks": w}))
			}
			name.Truncation = fyne.TextTruncateEllipsis
			o.silent.Add(container.NewBorder(nil, nil, b, nil, name))
		}
		n++
	}
	o.silentTitle.SetText(plural("count.silent_cases", n,
		map[string]any{"N": n}))
	if n > maxSilentListed {
		more := widget.NewButton(lang.L("patterns.overview.silent_all"), func() { o.show(search.Query{Sort: search.SortSilentLongest}) })
		more.Importance = widget.LowImportance
		o.silent.Add(more)
	}
	o.silent.Refresh()
}

// countEvents counts events per week over every case, decrypting each
// once, off the UI goroutine.
func (o *overviewView) countEvents() {
	ctx, cancel := context.WithCancel(context.Background())
	o.mu.Lock()
	o.stop = cancel
	o.mu.Unlock()
	o.work.Add(1)
	o.host.Go(func(hctx context.Context) {
		defer o.work.Done()
		defer context.AfterFunc(hctx, cancel)()
		defer cancel()
		weeks, first, err := eventsPerWeek(ctx, o.v)
		fyne.Do(func() {
			if err != nil {
				if !errors.Is(err, context.Canceled) {
					o.eventsNote.SetText(patternError(err))
				}
				return
			}
			if len(weeks) == 0 {
				o.eventsNote.SetText(lang.L("patterns.overview.no_events"))
				return
			}
			last := first.AddDate(0, 0, 7*(len(weeks)-1))
			o.events.SetValues(weeks, cases.FormatDay(first, dateOrder()), cases.FormatDay(last, dateOrder()))
			total := 0
			for _, n := range weeks {
				total += n
			}
			o.eventsNote.SetText(plural("count.events_total", len(weeks),
				map[string]any{"N": total, "W": strconv.Itoa(len(weeks))}))
		})
	})
}

func (o *overviewView) stopWork() {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.stop != nil {
		o.stop()
	}
}

// maxWeeksShown caps the events chart at about ten years.
const maxWeeksShown = 520

// eventsPerWeek counts the dated events of the cases that are not merged
// into another, by the week (from Monday) they fall in, from the first
// week to the last; first is that first Monday.
func eventsPerWeek(ctx context.Context, v *vault.Vault) ([]int, time.Time, error) {
	counts := map[time.Time]int{}
	err := v.Each(ctx, func(c cases.Case) error {
		if c.MergedInto != "" {
			return nil
		}
		for _, e := range c.Events {
			if t := e.Date.Time(); !e.Date.IsZero() && !t.IsZero() {
				counts[monday(t)]++
			}
		}
		return ctx.Err()
	})
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("events per week: %w", err)
	}
	if len(counts) == 0 {
		return nil, time.Time{}, nil
	}
	var first, last time.Time
	for w := range counts {
		if first.IsZero() || w.Before(first) {
			first = w
		}
		if w.After(last) {
			last = w
		}
	}
	n := int(last.Sub(first)/(7*24*time.Hour)) + 1
	if n > maxWeeksShown {
		first = last.AddDate(0, 0, -7*(maxWeeksShown-1))
		n = maxWeeksShown
	}
	weeks := make([]int, n)
	for w, k := range counts {
		if i := int(w.Sub(first) / (7 * 24 * time.Hour)); i >= 0 && i < n {
			weeks[i] += k
		}
	}
	return weeks, first, nil
}

// monday is the start (UTC) of the week t falls in.
func monday(t time.Time) time.Time {
	t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
}
