package app

import (
	"context"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
	"kintrace/cases/search"
)

// deskScreen is the main window while the vault is unlocked: search as you
// type, filters, sort, and the virtualised case list.
type deskScreen struct {
	widget.BaseWidget
	ui *UI

	search       *trackedEntry
	sort         *widget.Select
	status       *widget.Select
	facility     *widget.Select
	region       *widget.Select
	tag          *widget.Select
	verification *widget.Select
	clearFilters *widget.Button
	newCase      *widget.Button
	lock         *widget.Button
	settings     *widget.Button
	count        *widget.Label
	empty        *widget.Label
	shortcuts    *widget.Label // the footer's hint, making room for the selection bar
	footer       *fyne.Container
	list         *widget.List
	// the list's columns: the layout its rows and header share, the
	// header's cells (index-aligned with listColumns)
	rowLayout   *rowLayout
	headerCells []*headerCell
	// canonical spellings of facilities and regions by their fold, so a
	// facility typed three ways shows one way in every row
	canonFacility, canonRegion map[string]string
	views                      *deskViews

	query     search.Query
	results   []cases.Overview // the first page, or every match once complete
	total     int              // how many cases match: the list's length
	complete  bool
	gen       int            // counts queries, so a late result for an old one is dropped
	searching bool           // a complete search runs off the UI goroutine
	pending   *pendingSearch // the latest query waiting for it
	delay     stopper        // the pause in typing before it starts
	wiped     bool
	rows      []*caseRow // every row the list created, for wipe

	// selection: the ticked cases live in ui.selection; the bar acts on
	// them
	selBar        *selectionBar
	shownSelected int // how many ticked cases the results hold
	anchor        int // the list index last ticked, where Shift+click starts
	// modifiers reports the modifier keys held during a click (tests
	// replace it: the test driver has none)
	modifiers  func() fyne.KeyModifier
	exportForm *exportForm // the forms the bar opened, for tests
	reportForm *reportForm

	// option values of the filter selects, index-aligned with Options
	// (index 0 is "any")
	statusValues, facilityValues, regionValues, tagValues, verificationValues []string

	content fyne.CanvasObject
}

var sortChoices = []search.Sort{search.SortSilentLongest, search.SortUpdated, search.SortNumber,
	search.SortName, search.SortStatus, search.SortFacility}

func newDeskScreen(u *UI) *deskScreen {
	d := &deskScreen{ui: u, anchor: -1, modifiers: keyModifiers, rowLayout: &rowLayout{shown: map[string]bool{}}}

	d.search = u.newEntry()
	d.search.SetPlaceHolder(lang.L("Search names, numbers, places, messages… (Ctrl+F)"))
	d.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	d.search.OnChanged = func(text string) {
		d.query.Text = text
		d.refresh()
	}

	d.sort = widget.NewSelect([]string{lang.L("Silent longest"), lang.L("Recently updated"), lang.L("Case number"),
		lang.L("columns.sort.name"), lang.L("columns.sort.status"), lang.L("columns.sort.facility")}, nil)
	d.sort.SetSelectedIndex(0)
	d.sort.OnChanged = func(string) {
		d.query.Sort = sortChoices[max(d.sort.SelectedIndex(), 0)]
		d.refreshHeader()
		d.refresh()
	}

	d.status = d.newFilter(func(v string) { d.query.Status = cases.Status(v) })
	d.facility = d.newFilter(func(v string) { d.query.Facility = v })
	d.region = d.newFilter(func(v string) { d.query.Region = v })
	d.tag = d.newFilter(func(v string) { d.query.Tag = v })
	d.verification = d.newFilter(func(v string) { d.query.Verification = cases.Verification(v) })
	d.fillFilters()
	d.clearFilters = widget.NewButtonWithIcon(lang.L("Clear"), theme.ContentClearIcon(), d.resetFilters)
	d.clearFilters.Importance = widget.LowImportance

	d.newCase = widget.NewButtonWithIcon(lang.L("New case"), theme.ContentAddIcon(), func() { u.openCase("") })
	d.newCase.Importance = widget.HighImportance
	if openEditor == nil {
		d.newCase.Hide()
	}
	d.lock = widget.NewButtonWithIcon(lang.L("Lock"), theme.LogoutIcon(), u.lockNow)
	d.settings = widget.NewButtonWithIcon("", theme.SettingsIcon(), func() { u.openSettings() })

	d.list = widget.NewList(
		func() int { return d.total },
		func() fyne.CanvasObject {
			r := newCaseRow(d.rowLayout, d.tick)
			d.rows = append(d.rows, r)
			return r
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			u.touch() // rows come into view as the user scrolls
			if id < len(d.results) {
				c := d.results[id]
				o.(*caseRow).set(id, c, u.selection.Has(c.ID), u.clock.Now(),
					canonical(d.canonFacility, c.Facility), d.regionName(c.Region))
			} else {
				o.(*caseRow).clear() // beyond the first page, until the rest arrives
			}
		},
	)
	d.list.OnSelected = func(id widget.ListItemID) {
		u.touch()
		d.list.UnselectAll()
		if d.clicked(id) {
			return
		}
		if id < len(d.results) {
			u.openCase(d.results[id].ID)
		}
	}
	d.count = widget.NewLabel("")
	d.empty = widget.NewLabel("")
	d.empty.Alignment = fyne.TextAlignCenter
	d.empty.Wrapping = fyne.TextWrapWord
	d.empty.Importance = widget.LowImportance
	d.shortcuts = widget.NewLabel(lang.L("Ctrl+F search · Ctrl+L lock"))
	if openEditor != nil {
		d.shortcuts.SetText(lang.L("Ctrl+F search · Ctrl+N new case · Ctrl+L lock"))
	}
	d.selBar = d.newSelectionBar()
	d.views = newDeskViews(d)

	d.content = d.layout()
	d.showColumns(d.views.settings.Columns) // the header exists now
	d.ExtendBaseWidget(d)
	d.refresh()
	return d
}

func (d *deskScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(d.content)
}

func (d *deskScreen) layout() fyne.CanvasObject {
	u := d.ui
	brand := container.NewHBox(appIcon(32), widget.NewLabelWithStyle(windowTitle, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	if u.path == u.demoPath {
		demo := widget.NewLabel(lang.L("Demo vault: invented cases"))
		demo.Importance = widget.WarningImportance
		brand.Add(demo)
	}
	header := container.NewBorder(nil, nil, brand, container.NewHBox(d.newCase, u.newTodayButton(), u.newMoreButton(), d.lock, d.settings, u.newAboutButton()))

	filters := container.NewBorder(nil, nil, nil, d.clearFilters,
		container.New(wrapGrid{maxCell: 240, margin: func() float32 {
			return 3*theme.Padding() + d.clearFilters.MinSize().Width // the window's padding, the Clear button
		}}, d.status, d.facility, d.region, d.tag, d.verification))

	var cells []fyne.CanvasObject
	d.headerCells = nil
	for _, c := range listColumns {
		h := newHeaderCell(columnTitle(c, d.query.Sort), c.sortable, func() { d.sortBy(c.sort) })
		d.headerCells = append(d.headerCells, h)
		cells = append(cells, h)
	}
	columnHeader := container.New(d.rowLayout, cells...)
	searchRow := container.NewBorder(nil, nil, nil, container.NewHBox(d.views.box, container.New(fixedWidth{width: 200}, d.sort)), d.search)

	d.footer = container.NewHBox(d.count, d.selBar.box, layout.NewSpacer(), d.shortcuts)

	top := container.NewVBox(header, widget.NewSeparator(), searchRow, filters,
		container.NewPadded(columnHeader), widget.NewSeparator())
	listArea := container.NewStack(d.list, container.NewCenter(container.New(fixedWidth{width: 420}, d.empty)))
	return container.NewPadded(visualBorder(top, d.footer, nil, nil, listArea))
}

// newFilter returns a filter select; set receives the chosen value ("" for
// any).
func (d *deskScreen) newFilter(set func(string)) *widget.Select {
	var s *widget.Select
	s = widget.NewSelect(nil, func(string) {
		set(d.filterValue(s))
		d.refresh()
	})
	return s
}

func (d *deskScreen) filterValue(s *widget.Select) string {
	i := s.SelectedIndex()
	var values []string
	switch s {
	case d.status:
		values = d.statusValues
	case d.facility:
		values = d.facilityValues
	case d.region:
		values = d.regionValues
	case d.tag:
		values = d.tagValues
	case d.verification:
		values = d.verificationValues
	}
	if i <= 0 || i >= len(values) {
		return ""
	}
	return values[i]
}

// fillFilters fills the filter menus from the index's facets.
func (d *deskScreen) fillFilters() {
	labels := []string{lang.L("All statuses")}
	d.statusValues = []string{""}
	for _, s := range cases.AllStatuses {
		labels = append(labels, statusLabel(s))
		d.statusValues = append(d.statusValues, string(s))
	}
	setOptions(d.status, labels)

	labels = []string{lang.L("All verification levels")}
	d.verificationValues = []string{""}
	for _, v := range cases.AllVerifications {
		labels = append(labels, verificationLabel(v))
		d.verificationValues = append(d.verificationValues, string(v))
	}
	setOptions(d.verification, labels)

	f := d.ui.vault.Index().Facets()
	fill := func(s *widget.Select, all string, facets []search.Facet) []string {
		labels := []string{all}
		values := []string{""}
		for _, x := range facets {
			labels = append(labels, x.Value+"  ("+strconv.Itoa(x.Count)+")")
			values = append(values, x.Value)
		}
		setOptions(s, labels)
		return values
	}
	d.facilityValues = fill(d.facility, lang.L("All facilities"), f.Facilities)
	d.regionValues = fill(d.region, lang.L("All regions"), regionFacets(f.Regions))
	d.canonFacility, d.canonRegion = canonMap(f.Facilities), canonMap(f.Regions)
	d.tagValues = fill(d.tag, lang.L("All tags"), f.Tags)
}

// setOptions replaces a select's options and selects "any" without
// calling its OnChanged.
func setOptions(s *widget.Select, options []string) {
	changed := s.OnChanged
	s.OnChanged = nil
	s.Options = options
	s.SetSelectedIndex(0)
	s.OnChanged = changed
}

func (d *deskScreen) resetFilters() {
	for _, s := range []*widget.Select{d.status, d.facility, d.region, d.tag, d.verification} {
		changed := s.OnChanged
		s.OnChanged = nil
		s.SetSelectedIndex(0)
		s.OnChanged = changed
	}
	d.query.Status, d.query.Facility, d.query.Region, d.query.Tag, d.query.Verification = "", "", "", "", ""
	d.refresh()
}

// firstPage is how many results a keystroke fetches before the list is
// redrawn; the rest follow from a background search once typing pauses for
// completeDelay, so that a fast typist's keystrokes do not compete with it.
const (
	firstPage     = 200
	completeDelay = 250 * time.Millisecond
)

// refresh runs the query and shows its results in two steps. Copying every
// match out of the index costs up to a second when a short query matches
// most of 100 000 cases, so a keystroke first fetches the top firstPage
// matches and their count (milliseconds, see bench_test.go) and redraws the
// list at its full length, rows beyond the first page blank; when there
// may be more, the complete result is fetched off the UI goroutine after a
// pause in typing and replaces the first page, unless the query changed
// meanwhile. At most one
// such search runs at a time; while it runs only the latest query waits.
func (d *deskScreen) refresh() {
	u := d.ui
	u.touch()
	if d.wiped || u.vault == nil || u.vault.Locked() {
		return
	}
	d.gen++
	q := d.query
	q.Limit = firstPage
	d.results = u.vault.Search(q)
	d.total = len(d.results)
	if d.total == firstPage {
		d.total = u.vault.Index().Count(d.query)
	}
	d.complete = len(d.results) == d.total
	d.anchor = -1
	d.list.Refresh()
	d.list.ScrollToTop()
	d.showCount()
	if !d.complete {
		d.pending = &pendingSearch{query: d.query, gen: d.gen}
		if d.delay != nil {
			d.delay.Stop()
		}
		d.delay = u.clock.AfterFunc(completeDelay, func() {
			fyne.Do(func() {
				if d.pending != nil && !d.searching && !d.wiped {
					d.searchAll()
				}
			})
		})
	}
}

// pendingSearch is a complete search waiting for the one running to end.
type pendingSearch struct {
	query search.Query
	gen   int
}

// searchAll runs the pending complete search off the UI goroutine.
func (d *deskScreen) searchAll() {
	p := d.pending
	d.pending = nil
	d.searching = true
	v := d.ui.vault
	d.ui.Go(func(ctx context.Context) {
		all := v.Search(p.query)
		fyne.Do(func() {
			d.searching = false
			if d.wiped {
				return
			}
			if p.gen == d.gen {
				d.results = all
				d.total = len(all)
				d.complete = true
				d.list.Refresh()
				d.showCount()
			}
			if d.pending != nil {
				d.searchAll()
			}
		})
	})
}

// showCount updates the count, the selection bar and the empty-list
// message.
func (d *deskScreen) showCount() {
	d.countShownSelected()
	d.showSelection()
	total := d.ui.vault.Index().Len()
	q := d.query
	filtered := q.Text != "" || q.Status != "" || q.Facility != "" || q.Region != "" || q.Tag != "" || q.Verification != ""
	if filtered {
		d.count.SetText(lang.L("Shown: {{.Shown}} of {{.Total}}",
			map[string]any{"Shown": strconv.Itoa(d.total), "Total": strconv.Itoa(total)}))
	} else {
		d.count.SetText(lang.L("Cases: {{.Total}}", map[string]any{"Total": strconv.Itoa(total)}))
	}
	msg := ""
	switch {
	case total == 0 && openEditor != nil:
		msg = lang.L("No cases yet. Press “New case” or Ctrl+N to log the first report.")
	case total == 0:
		msg = lang.L("No cases yet.")
	case d.total == 0:
		msg = lang.L("No case matches the search and filters.")
	}
	setNote(d.empty, msg)
}

// blankRoot is the desk's widget tree, for blankTree.
func (d *deskScreen) blankRoot() fyne.CanvasObject { return d.content }

// wipe drops every decrypted value the desk shows (on lock).
func (d *deskScreen) wipe() {
	d.wiped = true
	d.pending = nil
	if d.delay != nil {
		d.delay.Stop()
	}
	d.search.OnChanged = nil
	d.search.SetText("")
	d.query = search.Query{}
	d.results = nil
	d.total = 0
	for _, r := range d.rows {
		r.clear()
	}
	d.list.Refresh()
	for _, s := range []*widget.Select{d.facility, d.region, d.tag} {
		s.OnChanged = nil
		s.Options = nil
		s.ClearSelected()
	}
	d.facilityValues, d.regionValues, d.tagValues = nil, nil, nil
	d.canonFacility, d.canonRegion = nil, nil
	d.views.wipe()
	d.count.SetText("")
}

// canonical is the spelling canon gives the value's fold, or the value.
func canonical(canon map[string]string, value string) string {
	if v, ok := canon[search.Fold(value)]; ok {
		return v
	}
	return value
}

// sortBy sorts the list by s, as a tap on a column's header asks.
func (d *deskScreen) sortBy(s search.Sort) {
	for i, c := range sortChoices {
		if c == s {
			d.sort.SetSelectedIndex(i) // runs OnChanged: header and list
		}
	}
}

// refreshHeader marks the column the list is sorted by.
func (d *deskScreen) refreshHeader() {
	for i, h := range d.headerCells {
		h.SetText(columnTitle(listColumns[i], d.query.Sort))
	}
}

// showColumns shows the optional columns in shown, hides the others.
func (d *deskScreen) showColumns(shown []string) {
	d.rowLayout.shown = map[string]bool{}
	for _, k := range shown {
		d.rowLayout.shown[k] = true
	}
	for _, r := range d.rows {
		d.rowLayout.applyTo(r.cells())
		r.Refresh()
	}
	cells := make([]fyne.CanvasObject, len(d.headerCells))
	for i, h := range d.headerCells {
		cells[i] = h
	}
	d.rowLayout.applyTo(cells)
	if d.content != nil {
		d.content.Refresh()
	}
	d.list.Refresh()
}

// canonMap maps each facet's fold to its most common spelling.
func canonMap(facets []search.Facet) map[string]string {
	m := make(map[string]string, len(facets))
	for _, f := range facets {
		m[search.Fold(f.Value)] = f.Value
	}
	return m
}

// regionName is a region as the list shows it: the gazetteer's name in the
// interface language, or the most common spelling of a region it does not
// know.
func (d *deskScreen) regionName(region string) string {
	if _, ok := search.LookupRegion(region); ok {
		return search.RegionName(region, currentLanguage())
	}
	return canonical(d.canonRegion, region)
}
