package app

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
)

// personSection is the Person tab: who is missing, how they can be
// recognised and reached, and the custody and service facts.
type personSection struct {
	e *editorScreen

	name        *trackedEntry
	pseudonym   *widget.Check
	aliases     *trackedEntry
	birth       *dateField
	sex         *enumSelect
	features    *trackedEntry
	phones      *trackedEntry
	handles     []*handleItem
	handleBox   *fyne.Container
	addHandle   *widget.Button
	facility    *trackedEntry
	region      *trackedEntry
	unit        *trackedEntry
	recruitedBy *trackedEntry
	recruitedOn *dateField

	content fyne.CanvasObject
}

// handleItem is one messenger account: channel and value.
type handleItem struct {
	channel            *enumSelect
	value              *trackedEntry
	remove             *widget.Button
	channelErr, valErr *fieldError
	box                fyne.CanvasObject
}

func newPersonSection(e *editorScreen) *personSection {
	s := &personSection{e: e}
	s.name = e.newEntry()
	s.name.SetPlaceHolder(lang.L("editor.person.name.placeholder"))
	e.name = s.name
	s.pseudonym = e.newCheck(lang.L("editor.person.pseudonym"))
	s.aliases = e.newMultiLineEntry(3)
	s.aliases.SetPlaceHolder(lang.L("editor.person.aliases.placeholder"))
	s.birth = e.newDateField()
	s.sex = e.newEnumSelect("sex", true)
	s.features = e.newMultiLineEntry(2)
	s.features.SetPlaceHolder(lang.L("editor.person.features.placeholder"))
	s.phones = e.newMultiLineEntry(2)
	s.phones.SetPlaceHolder(lang.L("editor.person.phones.placeholder"))
	s.handleBox = container.NewVBox()
	s.addHandle = widget.NewButtonWithIcon(lang.L("editor.person.add_handle"), theme.ContentAddIcon(), func() {
		s.appendHandle(cases.Handle{Channel: cases.ChannelTelegram})
		e.changed()
	})
	s.addHandle.Importance = widget.LowImportance
	s.facility = e.newEntry()
	s.facility.SetPlaceHolder(lang.L("editor.person.facility.placeholder"))
	s.region = e.newEntry()
	s.unit = e.newEntry()
	s.recruitedBy = e.newEntry()
	s.recruitedBy.SetPlaceHolder(lang.L("editor.person.recruited_by.placeholder"))
	s.recruitedOn = e.newDateField()

	err := func(path string) *fieldError {
		fe := e.newFieldError(sectionPerson)
		e.static[path] = fe
		return fe
	}
	warn := e.newFieldWarning
	nameRow := visualBorder(nil, nil, nil, s.pseudonym, s.name)
	// Two fields to a line, read (and tabbed through) line by line; the
	// three sections' labels line up.
	grid := fieldGrids(2)
	identity := grid(
		formRow{lang.L("editor.field.name"), underField(nameRow, err("person.name"), warn("person.name"))},
		formRow{lang.L("editor.field.birth_date"), underField(s.birth.box, err("person.birth_date"), warn("person.birth_date"))},
		formRow{lang.L("editor.field.aliases"), underField(s.aliases, err("person.aliases"), warn("person.aliases"))},
		formRow{lang.L("editor.field.sex"), underField(s.sex, err("person.sex"))},
		formRow{lang.L("editor.field.features"), s.features},
	)
	reach := grid(
		formRow{lang.L("editor.field.phones"), underField(s.phones, err("person.phones"), warn("person.phones"))},
		formRow{lang.L("editor.field.handles"), container.NewVBox(s.handleBox, warn("person.handles").label, container.NewHBox(s.addHandle))},
	)
	custody := grid(
		formRow{lang.L("editor.field.facility"), underField(s.facility, warn("person.facility"))},
		formRow{lang.L("editor.field.region"), underField(s.region, warn("person.region"))},
		formRow{lang.L("editor.field.unit"), underField(s.unit, warn("person.unit"))},
		formRow{lang.L("editor.field.recruited_by"), underField(s.recruitedBy, warn("person.recruited_by"))},
		formRow{lang.L("editor.field.recruited_on"), underField(s.recruitedOn.box, err("person.recruited_on"), warn("person.recruited_on"))},
	)
	s.content = container.NewVBox(
		sectionTitle(lang.L("editor.person.identity")), identity,
		sectionTitle(lang.L("editor.person.reach")), reach,
		sectionTitle(lang.L("editor.person.custody")), custody)
	return s
}

func (s *personSection) appendHandle(h cases.Handle) {
	e := s.e
	it := &handleItem{channel: e.newEnumSelect("channel", false), value: e.newEntry()}
	it.channel.SetValue(string(h.Channel))
	it.value.SetText(h.Value)
	it.value.SetPlaceHolder(lang.L("editor.person.handle.placeholder"))
	it.channelErr = e.newFieldError(sectionPerson)
	it.valErr = e.newFieldError(sectionPerson)
	it.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		for i, x := range s.handles {
			if x == it {
				s.handles = append(s.handles[:i], s.handles[i+1:]...)
				break
			}
		}
		s.handleBox.Remove(it.box)
		e.changed()
	})
	it.remove.Importance = widget.LowImportance
	row := visualBorder(nil, nil, container.New(fixedWidth{width: 150}, it.channel), it.remove, it.value)
	it.box = container.NewVBox(row, it.channelErr.label, it.valErr.label)
	s.handles = append(s.handles, it)
	s.handleBox.Add(it.box)
}

func (s *personSection) load(p cases.Person) {
	s.name.SetText(p.Name)
	s.pseudonym.SetChecked(p.Pseudonym)
	s.aliases.SetText(joinLines(p.Aliases))
	s.birth.SetDate(p.BirthDate)
	s.sex.SetValue(string(p.Sex))
	s.features.SetText(p.Features)
	s.phones.SetText(joinLines(p.Phones))
	s.handles = nil
	s.handleBox.RemoveAll()
	for _, h := range p.Handles {
		s.appendHandle(h)
	}
	s.facility.SetText(p.Facility)
	s.region.SetText(p.Region)
	s.unit.SetText(p.Unit)
	s.recruitedBy.SetText(p.RecruitedBy)
	s.recruitedOn.SetDate(p.RecruitedOn)
}

func (s *personSection) collect(ps *cases.ValidationErrors, targets map[string]*fieldError) cases.Person {
	p := cases.Person{
		Name:        trim(s.name.Text),
		Pseudonym:   s.pseudonym.Checked,
		Aliases:     lines(s.aliases.Text),
		BirthDate:   s.birth.Date("person.birth_date", ps),
		Sex:         cases.Sex(s.sex.Value()),
		Features:    trimEnds(s.features.Text),
		Phones:      lines(s.phones.Text),
		Facility:    trim(s.facility.Text),
		Region:      trim(s.region.Text),
		Unit:        trim(s.unit.Text),
		RecruitedBy: trim(s.recruitedBy.Text),
		RecruitedOn: s.recruitedOn.Date("person.recruited_on", ps),
	}
	for _, h := range s.handles {
		if trim(h.value.Text) == "" {
			continue // a row added and left empty
		}
		path := "person.handles[" + strconv.Itoa(len(p.Handles)) + "]"
		targets[path+".channel"] = h.channelErr
		targets[path+".value"] = h.valErr
		p.Handles = append(p.Handles, cases.Handle{Channel: cases.Channel(h.channel.Value()), Value: trim(h.value.Text)})
	}
	return p
}

func joinLines(items []string) string {
	out := ""
	for i, s := range items {
		if i > 0 {
			out += "\n"
		}
		out += s
	}
	return out
}
