package app

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"maps"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
	"kintrace/cases/vault"
)

//go:embed translations/editor/*.json
var editorTranslations embed.FS

func init() {
	registerTranslations(editorTranslations, "translations/editor")
	openEditor = openCaseEditor
}

// openCaseEditor is the desk's openEditor hook: it reads the case (a single
// record, quick enough for the UI goroutine) and shows the editor. It shows
// the editor itself and returns nil, because the window resets screen
// shortcuts when it changes screens and Ctrl+S must be bound afterwards.
func openCaseEditor(u *UI, id string) fyne.CanvasObject {
	c := cases.Case{Status: cases.StatusOpen, Priority: cases.PriorityNormal}
	if id != "" {
		got, err := u.vault.Get(context.Background(), id)
		if err != nil {
			u.showError(err)
			return nil
		}
		c = got
	}
	e := newEditorScreen(u, c)
	u.showScreen(e)
	u.addScreenShortcut(fyne.KeyS, e.save)
	if id == "" {
		u.win.Canvas().Focus(e.name)
	}
	return nil
}

// The editor's tabs, as fieldError.section names them.
const (
	sectionHeader    = ""
	sectionPerson    = "person"
	sectionReporters = "reporters"
	sectionTimeline  = "timeline"
	sectionPlaces    = "places"
	sectionPromises  = "promises"
	sectionNotes     = "notes"
)

// editorScreen edits one case: a header with the case's status, priority,
// tags and assignee, and tabs for the person, reporters, timeline, places,
// promises, notes, the history of versions and the tabs features register.
// It keeps the widgets tests drive as fields.
type editorScreen struct {
	widget.BaseWidget
	ui *UI
	// identLabels are the vault's labels of identifiers, shown beside the
	// numbers events came from (shared_labels.go).
	identLabels vault.IdentLabels

	// saved is the case as last read or saved (zero ID: not saved yet);
	// baseline is the JSON of what the widgets held right after it was
	// shown, so that dirty compares like with like.
	saved    cases.Case
	baseline []byte

	loading, saving, closed bool
	showLive                bool   // problems are re-checked as the user types
	afterSave               func() // runs after the next successful save

	// header
	back, saveButton *widget.Button
	title, subtitle  *widget.Label
	proof            *widget.Label   // last confirmed contact and last sign of life
	chatImport       *chatImportView // the chat import on show, if any
	unsaved          *widget.Label
	banner           *widget.Label
	status, priority *enumSelect
	assigned, tags   *trackedEntry

	name      *trackedEntry // the person's name, focused for a new case
	person    *personSection
	reporters *reporterSection
	timeline  *timelineSection
	places    *placeSection
	promises  *promiseSection
	notes     *trackedEntry
	requests  *requestSection  // editor_requests.go
	followups *followupSection // editor_requests.go

	tabs       *wrapTabs
	tabFor     map[string]*container.TabItem
	scrollFor  map[string]*container.Scroll
	historyTab *container.TabItem
	history    *historyView
	extTabs    []*container.TabItem

	// targets maps field paths of the case being collected to their error
	// labels; allErrors holds every error label made.
	static    map[string]*fieldError
	targets   map[string]*fieldError
	allErrors []*fieldError
	// staticWarn, warnTargets and allWarnings are the same for the
	// warnings about implausible values (editor_warnings.go).
	staticWarn  map[string]*fieldError
	warnTargets map[string]*fieldError
	allWarnings []*fieldError
	texts       []interface{ SetText(string) } // every widget showing case text, for wipe

	guard                                *dialog.CustomDialog
	guardSave, guardDiscard, guardCancel *widget.Button
	conflict                             *dialog.ConfirmDialog
	dupes                                *saveDupes // the warning on saving a likely duplicate (editor_dupes.go)

	content fyne.CanvasObject
}

func newEditorScreen(u *UI, c cases.Case) *editorScreen {
	e := &editorScreen{ui: u, static: map[string]*fieldError{}, staticWarn: map[string]*fieldError{},
		tabFor:    map[string]*container.TabItem{},
		scrollFor: map[string]*container.Scroll{}}
	e.loading = true
	e.identLabels = loadIdentLabels(u)

	e.back = widget.NewButtonWithIcon(lang.L("editor.back"), theme.NavigateBackIcon(), func() { e.leave(u.showDesk) })
	e.saveButton = widget.NewButtonWithIcon(lang.L("editor.save"), theme.DocumentSaveIcon(), e.save)
	e.saveButton.Importance = widget.HighImportance
	e.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	e.title.SizeName = theme.SizeNameSubHeadingText
	e.title.Truncation = fyne.TextTruncateEllipsis
	e.subtitle = widget.NewLabel("")
	e.subtitle.SizeName = theme.SizeNameCaptionText
	e.proof = widget.NewLabel("")
	e.proof.SizeName = theme.SizeNameCaptionText
	e.proof.TextStyle.Bold = true
	e.proof.Wrapping = fyne.TextWrapWord
	e.unsaved = widget.NewLabel(lang.L("editor.unsaved"))
	e.unsaved.Importance = widget.WarningImportance
	e.unsaved.Hide()
	e.banner = widget.NewLabel("")
	e.banner.Wrapping = fyne.TextWrapWord
	e.banner.Hide()
	e.texts = append(e.texts, e.title, e.subtitle, e.proof)

	e.status = e.newEnumSelect("status", false)
	e.priority = e.newEnumSelect("priority", true)
	e.assigned = e.newEntry()
	e.assigned.SetPlaceHolder(lang.L("editor.assigned.placeholder"))
	e.tags = e.newEntry()
	e.tags.SetPlaceHolder(lang.L("editor.tags.placeholder"))
	e.static["status"] = e.newFieldError(sectionHeader)
	e.static["priority"] = e.newFieldError(sectionHeader)
	e.static["tags"] = e.newFieldError(sectionHeader)

	e.person = newPersonSection(e)
	e.reporters = newReporterSection(e)
	e.timeline = newTimelineSection(e)
	e.places = newPlaceSection(e)
	e.promises = newPromiseSection(e)
	e.requests = newRequestSection(e)
	e.followups = newFollowupSection(e)
	e.notes = e.newMultiLineEntry(12)
	e.notes.SetPlaceHolder(lang.L("editor.notes.placeholder"))

	e.tabs = newWrapTabs(
		e.newTab(sectionPerson, lang.L("editor.tab.person"), e.person.content),
		e.newTab(sectionReporters, lang.L("editor.tab.reporters"), e.reporters.content),
		e.newTab(sectionTimeline, lang.L("editor.tab.timeline"), e.timeline.content),
		e.newTab(sectionPlaces, lang.L("editor.tab.places"), e.places.content),
		e.newTab(sectionPromises, lang.L("editor.tab.promises"), e.promises.content),
		e.newTab(sectionRequests, lang.L("casework.tab.requests"), e.requests.content),
		e.newTab(sectionFollowUps, lang.L("casework.tab.followups"), e.followups.content),
		e.newTab(sectionNotes, lang.L("editor.tab.notes"), e.notes),
	)
	e.tabs.OnSelected = func(t *container.TabItem) {
		u.touch()
		switch {
		case t == e.historyTab && e.history != nil:
			e.history.load()
		case t == e.tabFor[sectionTimeline] && !e.loading:
			// Ready to log the next event: type the date right away (or
			// press Space on "New event").
			e.timeline.focusStart()
		}
	}

	e.content = e.layout()
	e.ExtendBaseWidget(e)
	e.load(c)
	return e
}

func (e *editorScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(e.content)
}

func (e *editorScreen) newTab(section, label string, content fyne.CanvasObject) *container.TabItem {
	scroll := container.NewVScroll(container.NewPadded(content))
	t := container.NewTabItem(label, scroll)
	e.tabFor[section] = t
	e.scrollFor[section] = scroll
	return t
}

// scrollToTop shows the top of a tab (the timeline's form).
func (e *editorScreen) scrollToTop(section string) {
	if s := e.scrollFor[section]; s != nil {
		s.ScrollToTop()
	}
}

func (e *editorScreen) layout() fyne.CanvasObject {
	titles := container.NewVBox(e.title, e.subtitle, e.proof)
	top := visualBorder(nil, nil, container.NewCenter(e.back),
		container.NewCenter(container.NewHBox(e.unsaved, e.letterButton(), e.saveButton)), titles)
	fields := container.New(columns{widths: []float32{220, 210, 230}, flex: 3},
		underField(labelled(lang.L("editor.status"), e.status), e.static["status"]),
		underField(labelled(lang.L("editor.priority"), e.priority), e.static["priority"]),
		labelled(lang.L("editor.assigned"), e.assigned),
		underField(labelled(lang.L("editor.tags"), e.tags), e.static["tags"]),
	)
	header := container.NewVBox(top, fields, e.banner, widget.NewSeparator())
	return container.NewPadded(visualBorder(header, nil, nil, nil, e.tabs))
}

// labelled puts a small caption before a header field.
func labelled(label string, field fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil, widget.NewLabel(label), nil, field)
}

// newEntry, newMultiLineEntry and newFieldError make widgets that the
// editor tracks: entries report changes and are wiped on lock.
func (e *editorScreen) newEntry() *trackedEntry {
	t := e.ui.newEntry()
	t.OnChanged = func(string) { e.changed() }
	e.texts = append(e.texts, t)
	return t
}

func (e *editorScreen) newMultiLineEntry(rows int) *trackedEntry {
	t := e.ui.newMultiLineEntry()
	t.SetMinRowsVisible(rows)
	t.OnChanged = func(string) { e.changed() }
	e.texts = append(e.texts, t)
	return t
}

func (e *editorScreen) newCheck(label string) *widget.Check {
	return widget.NewCheck(label, func(bool) { e.changed() })
}

func (e *editorScreen) newFieldError(section string) *fieldError {
	fe := newFieldError()
	fe.section = section
	e.allErrors = append(e.allErrors, fe)
	return fe
}

// newLabel is a label showing case text (wiped on lock).
func (e *editorScreen) newLabel() *widget.Label {
	l := widget.NewLabel("")
	e.texts = append(e.texts, l)
	return l
}

// load shows c in the widgets, as saved.
func (e *editorScreen) load(c cases.Case) {
	e.saved = c
	e.fill(c)
	e.showLive = false
	e.clearProblems()
	e.setBaseline()
	e.refreshWarnings()
	e.refreshHeader()
	e.refreshExtraTabs()
}

// fill puts c's editable fields into the widgets.
func (e *editorScreen) fill(c cases.Case) {
	e.loading = true
	defer func() { e.loading = false }()
	e.status.SetValue(string(c.Status))
	e.priority.SetValue(string(c.Priority))
	e.assigned.SetText(c.AssignedTo)
	e.tags.SetText(joinComma(c.Tags))
	e.person.load(c.Person)
	e.reporters.load(c.Reporters)
	e.timeline.load(c.Events)
	e.places.load(c.Places)
	e.promises.load(c.Promises)
	e.requests.load(c.Requests)
	e.followups.load(c.FollowUps)
	e.notes.SetText(c.Notes)
}

// restore copies a past version's content into the editor as unsaved
// changes: saving it makes it the newest version, and the versions between
// stay in the history.
func (e *editorScreen) restore(past cases.Case) {
	e.fill(past)
	e.changed()
	e.tabs.Select(e.tabFor[sectionPerson])
	e.setBanner(lang.L("editor.banner.restored", map[string]any{"Version": past.Version}), widget.WarningImportance)
}

func joinComma(items []string) string {
	var b bytes.Buffer
	for i, s := range items {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(s)
	}
	return b.String()
}

// collect reads the widgets into a case (built on the saved one, so that
// its id, number and version go with it) and lists what the widgets
// themselves could not read. It also maps every field path of the result
// to its error label in e.targets.
func (e *editorScreen) collect() (cases.Case, cases.ValidationErrors) {
	var ps cases.ValidationErrors
	e.targets = map[string]*fieldError{}
	for k, v := range e.static {
		e.targets[k] = v
	}
	e.warnTargets = maps.Clone(e.staticWarn)
	c := e.saved
	c.Status = cases.Status(e.status.Value())
	c.Priority = cases.Priority(e.priority.Value())
	c.AssignedTo = trim(e.assigned.Text)
	c.Tags = commaList(e.tags.Text)
	c.Person = e.person.collect(&ps, e.targets)
	c.Reporters = e.reporters.collect(&ps, e.targets)
	c.Events = e.timeline.collect(&ps, e.targets)
	c.Places = e.places.collect(&ps, e.targets)
	c.Promises = e.promises.collect(&ps, e.targets)
	c.Requests = e.requests.collect(&ps, e.targets)
	c.FollowUps = e.followups.collect(&ps, e.targets)
	c.Notes = trimEnds(e.notes.Text)
	return c, ps
}

func (e *editorScreen) setBaseline() {
	c, _ := e.collect()
	e.baseline, _ = json.Marshal(c)
	e.unsaved.Hide()
}

// dirty reports whether the widgets hold changes that are not saved.
func (e *editorScreen) dirty() bool {
	if e.timeline.pending() {
		return true
	}
	c, ps := e.collect()
	if len(ps) > 0 {
		return true
	}
	data, _ := json.Marshal(c)
	return !bytes.Equal(data, e.baseline)
}

// changed runs after any edit: it updates the "unsaved" mark and, after a
// save was refused, the problems shown.
func (e *editorScreen) changed() {
	if e.loading || e.closed {
		return
	}
	if e.dirty() {
		e.unsaved.Show()
	} else {
		e.unsaved.Hide()
	}
	e.refreshWarnings()
	if e.showLive {
		c, ps := e.collect()
		ps = append(ps, problemsOf(c.Validate())...)
		e.clearProblems()
		unplaced := e.showProblems(ps, false)
		if len(ps) == 0 {
			e.setBanner("", widget.MediumImportance)
		} else {
			e.setBanner(problemBanner(len(ps), unplaced), widget.DangerImportance)
		}
	}
}

func (e *editorScreen) refreshHeader() {
	c := e.saved
	name := c.Person.Name
	if name == "" {
		name = lang.L("editor.new_case")
	}
	e.title.SetText(name)
	if c.ID == "" {
		e.subtitle.SetText(lang.L("editor.not_saved_yet"))
	} else {
		data := map[string]any{"Number": c.Number, "Version": c.Version, "When": formatTime(c.UpdatedAt)}
		if c.UpdatedBy != "" {
			data["Who"] = c.UpdatedBy
			e.subtitle.SetText(lang.L("editor.subtitle.by", data))
		} else {
			e.subtitle.SetText(lang.L("editor.subtitle", data))
		}
	}
}

// refreshProof shows the case's last confirmed contact and last sign of
// life as the timeline now stands (saved or not).
func (e *editorScreen) refreshProof() {
	if e.proof == nil || e.timeline == nil || e.person == nil {
		return
	}
	c := e.saved
	c.Events = nil
	for _, it := range e.timeline.ordered() {
		c.Events = append(c.Events, it.ev)
	}
	e.proof.SetText(proofLine(c, e.ui.clock.Now()))
	if o := c.Overview(); o.LastContact.IsZero() || o.UnconfirmedSince() {
		e.proof.Importance = widget.WarningImportance
	} else {
		e.proof.Importance = widget.MediumImportance
	}
	e.proof.Refresh()
}

// refreshExtraTabs adds the History tab and the features' tabs once the
// case is saved, rebuilt with the case as saved.
func (e *editorScreen) refreshExtraTabs() {
	for _, t := range e.extTabs {
		e.tabs.Remove(t)
	}
	e.extTabs = nil
	if e.saved.ID == "" {
		return
	}
	if e.historyTab == nil {
		e.history = newHistoryView(e.ui, e.saved.ID)
		e.history.onRestore = e.restore
		e.historyTab = container.NewTabItem(lang.L("editor.tab.history"), e.history.content)
		e.tabs.Append(e.historyTab)
	} else {
		e.history.invalidate()
		if e.tabs.Selected() == e.historyTab {
			e.history.load()
		}
	}
	for _, ct := range CaseTabs() {
		t := container.NewTabItem(lang.L(ct.Label), ct.Build(e.ui, e.saved))
		e.extTabs = append(e.extTabs, t)
		e.tabs.Append(t)
	}
}

func (e *editorScreen) setBanner(text string, imp widget.Importance) {
	e.banner.Importance = imp
	e.banner.SetText(text)
	if text == "" {
		e.banner.Hide()
	} else {
		e.banner.Show()
	}
}

// save validates the case and, when it is valid, saves it off the UI
// goroutine: Add for a new case, Update (with the version read, so a
// concurrent change is refused with ErrConflict) for one already saved.
func (e *editorScreen) save() {
	if e.saving || e.closed {
		return
	}
	if !e.timeline.commitPending() {
		e.afterSave = nil
		e.setBanner(lang.L("editor.banner.event"), widget.DangerImportance)
		e.tabs.Select(e.tabFor[sectionTimeline])
		return
	}
	c, ps := e.collect()
	ps = append(ps, problemsOf(c.Validate())...)
	e.clearProblems()
	if len(ps) > 0 {
		e.afterSave = nil
		e.showLive = true
		unplaced := e.showProblems(ps, true)
		e.setBanner(problemBanner(len(ps), unplaced), widget.DangerImportance)
		return
	}
	e.checkDuplicates(c, e.store)
}

// store saves c, which is valid, off the UI goroutine.
func (e *editorScreen) store(c cases.Case) {
	if e.saving || e.closed {
		return
	}
	e.saving = true
	e.saveButton.Disable()
	e.setBanner(lang.L("editor.banner.saving"), widget.LowImportance)
	v := e.ui.vault
	isNew := c.ID == ""
	e.ui.Go(func(ctx context.Context) {
		var got cases.Case
		var err error
		if isNew {
			got, err = v.Add(ctx, c)
		} else {
			got, err = v.Update(ctx, c)
		}
		fyne.Do(func() { e.saveDone(got, err) })
	})
}

func (e *editorScreen) saveDone(got cases.Case, err error) {
	e.saving = false
	e.saveButton.Enable()
	if e.closed {
		return
	}
	if err != nil {
		e.afterSave = nil
		switch ps := problemsOf(err); {
		case errors.Is(err, vault.ErrConflict):
			e.setBanner(lang.L("editor.conflict.body"), widget.DangerImportance)
			e.showConflict()
		case ps != nil:
			e.showLive = true
			unplaced := e.showProblems(ps, true)
			e.setBanner(problemBanner(len(ps), unplaced), widget.DangerImportance)
		default:
			e.setBanner(errorMessage(err), widget.DangerImportance)
		}
		return
	}
	e.saved = got
	e.showLive = false
	e.setBaseline()
	e.refreshHeader()
	e.refreshExtraTabs()
	e.setBanner(lang.L("editor.banner.saved", map[string]any{"Version": got.Version}), widget.SuccessImportance)
	if then := e.afterSave; then != nil {
		e.afterSave = nil
		then()
	}
}

// showConflict offers to reload the case someone else saved meanwhile.
func (e *editorScreen) showConflict() {
	d := dialog.NewConfirm(lang.L("editor.conflict.title"), lang.L("editor.conflict.body"), func(reload bool) {
		if reload {
			e.reload()
		}
	}, e.ui.win)
	d.SetConfirmText(lang.L("editor.conflict.reload"))
	d.SetDismissText(lang.L("editor.conflict.keep"))
	e.conflict = d
	e.ui.showDialog(d)
}

// reload reads the saved case again, dropping the edits.
func (e *editorScreen) reload() {
	id := e.saved.ID
	v := e.ui.vault
	e.ui.Go(func(ctx context.Context) {
		c, err := v.Get(ctx, id)
		fyne.Do(func() {
			if e.closed {
				return
			}
			if err != nil {
				e.setBanner(errorMessage(err), widget.DangerImportance)
				return
			}
			e.load(c)
			e.setBanner(lang.L("editor.banner.reloaded", map[string]any{"Version": c.Version}), widget.MediumImportance)
		})
	})
}

// leave runs then (going back to the list, opening another case) once the
// user has decided about unsaved changes: save, discard, or stay.
func (e *editorScreen) leave(then func()) {
	e.ui.touch()
	if e.saving {
		e.afterSave = then
		return
	}
	if !e.dirty() {
		then()
		return
	}
	msg := widget.NewLabel(lang.L("editor.guard.body"))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons(lang.L("editor.guard.title"), container.New(fixedWidth{width: 380}, msg), e.ui.win)
	e.guardSave = widget.NewButtonWithIcon(lang.L("editor.guard.save"), theme.DocumentSaveIcon(), func() {
		d.Hide()
		e.afterSave = then
		e.save()
	})
	e.guardSave.Importance = widget.HighImportance
	e.guardDiscard = widget.NewButtonWithIcon(lang.L("editor.guard.discard"), theme.DeleteIcon(), func() {
		d.Hide()
		then()
	})
	e.guardDiscard.Importance = widget.DangerImportance
	e.guardCancel = widget.NewButton(lang.L("editor.guard.cancel"), d.Hide)
	d.SetButtons([]fyne.CanvasObject{e.guardCancel, e.guardDiscard, e.guardSave})
	e.guard = d
	e.ui.showDialog(d)
}

// blankRoot is the editor's widget tree, for blankTree.
func (e *editorScreen) blankRoot() fyne.CanvasObject { return e.content }

// wipe clears every decrypted value the editor shows; the window calls it
// when it drops the screen (on lock, or leaving the editor).
func (e *editorScreen) wipe() {
	e.closed = true
	e.afterSave = nil
	for _, t := range e.texts {
		t.SetText("")
	}
	e.timeline.wipe()
	if e.history != nil {
		e.history.wipe()
	}
	e.saved = cases.Case{}
	e.baseline = nil
}
