package app

import (
	"embed"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
)

// The merge view's messages live in translations/merge.
//
//go:embed translations/merge/*.json
var mergeViewTranslations embed.FS

func init() {
	registerTranslations(mergeViewTranslations, "translations/merge")
}

// mergeView shows two cases side by side, field by field, before they are
// merged: which case is kept (its number stays; by default the fuller one,
// cases.KeepFirst), every field with both values and a mark where they
// differ, and for each differing single-value field whose value stays
// (by default the kept case's, or the other's where the kept one has
// none). Lists are united. It only collects choices: the caller merges.
type mergeView struct {
	a, b       cases.Case
	attA, attB int
	labelA     string // a's number, or "new case" when it is not saved yet
	labelB     string

	explain *widget.Label
	keep    *widget.RadioGroup // options: labelA, labelB
	headA   *widget.Label
	headB   *widget.Label
	rows    []*mergeRow
	content fyne.CanvasObject
	texts   []*widget.Label // every label showing case text, for wipe
}

// mergeRow is one field of the comparison.
type mergeRow struct {
	field  cases.MergeField
	name   *widget.Label
	valA   *widget.Label
	valB   *widget.Label
	choice *widget.RadioGroup // differing single-value fields only
	note   *widget.Label      // what happens to the field otherwise
}

// Widths of the comparison's fixed columns.
const (
	mergeNameWidth   = 170
	mergeChoiceWidth = 270
	mergeValueMax    = 160 // characters of a long text shown
)

func newMergeView(a, b cases.Case, attA, attB int) *mergeView {
	m := &mergeView{a: a, b: b, attA: attA, attB: attB, labelA: a.Number, labelB: b.Number}
	if m.labelA == "" {
		m.labelA = lang.L("merge.new_case")
	}
	if m.labelB == "" {
		m.labelB = lang.L("merge.new_case")
	}
	m.explain = widget.NewLabel(lang.L("merge.explain"))
	m.explain.Wrapping = fyne.TextWrapWord
	m.keep = widget.NewRadioGroup([]string{m.labelA, m.labelB}, func(string) { m.setDefaults() })
	m.keep.Horizontal = true
	m.keep.Required = true

	m.headA, m.headB = m.caseLabel(), m.caseLabel()
	m.headA.TextStyle.Bold, m.headB.TextStyle.Bold = true, true
	m.headA.SetText(m.heading(a, attA))
	m.headB.SetText(m.heading(b, attB))

	table := container.NewVBox(m.line(widget.NewLabel(""), m.headA, m.headB, widget.NewLabel("")), widget.NewSeparator())
	for _, f := range cases.MergeFields(a, b) {
		r := m.row(f)
		m.rows = append(m.rows, r)
		right := fyne.CanvasObject(r.note)
		if r.choice != nil {
			right = r.choice
		}
		table.Add(m.line(r.name, r.valA, r.valB, right))
	}
	att := m.attachmentsRow()
	table.Add(att)

	if cases.KeepFirst(a, b, attA, attB) {
		m.keep.SetSelected(m.labelA)
	} else {
		m.keep.SetSelected(m.labelB)
	}
	keepLine := container.NewHBox(widget.NewLabelWithStyle(lang.L("merge.keep"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), m.keep)
	m.content = container.NewBorder(container.NewVBox(m.explain, keepLine, widget.NewSeparator()), nil, nil, nil,
		container.NewVScroll(table))
	return m
}

// line lays out one row: the field's name, both values, and the choice.
func (m *mergeView) line(name, a, b, right fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil,
		container.New(fixedWidth{width: mergeNameWidth}, name),
		container.New(fixedWidth{width: mergeChoiceWidth}, right),
		container.NewGridWithColumns(2, a, b))
}

func (m *mergeView) caseLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	m.texts = append(m.texts, l)
	return l
}

// heading names a case at the top of its column: number, name, when it was
// created and how much it holds.
func (m *mergeView) heading(c cases.Case, att int) string {
	number := c.Number
	if number == "" {
		number = lang.L("merge.new_case")
	}
	created := lang.L("merge.not_saved")
	if !c.CreatedAt.IsZero() {
		created = lang.L("merge.created", map[string]any{"When": formatTime(c.CreatedAt)})
	}
	return number + "\n" + c.Person.Name + "\n" + created + "\n" +
		lang.L("merge.fullness", map[string]any{"N": cases.Fullness(c, att)})
}

func (m *mergeView) row(f cases.MergeField) *mergeRow {
	r := &mergeRow{field: f}
	label := fieldLabel(strings.TrimPrefix(f.Key, "person."))
	r.name = widget.NewLabel(label)
	r.name.Wrapping = fyne.TextWrapWord
	r.valA, r.valB = m.caseLabel(), m.caseLabel()
	r.valA.SetText(mergeValue(m.a, f.Key))
	r.valB.SetText(mergeValue(m.b, f.Key))
	r.note = widget.NewLabel("")
	r.note.Wrapping = fyne.TextWrapWord
	switch {
	case !f.Differs:
		r.note.SetText(lang.L("merge.same"))
	case f.Rule == cases.MergeUnite:
		r.name.SetText("≠ " + label)
		r.name.TextStyle.Bold = true
		r.note.SetText(lang.L("merge.united"))
	default:
		r.name.SetText("≠ " + label)
		r.name.TextStyle.Bold = true
		r.choice = widget.NewRadioGroup([]string{m.labelA, m.labelB}, nil)
		r.choice.Horizontal = true
		r.choice.Required = true
	}
	return r
}

// attachmentsRow says how many files each case has; they stay with their
// case (the merged one keeps them, and its history stays readable).
func (m *mergeView) attachmentsRow() fyne.CanvasObject {
	name := widget.NewLabel(lang.L("merge.attachments"))
	a := widget.NewLabel(strconv.Itoa(m.attA))
	b := widget.NewLabel(strconv.Itoa(m.attB))
	note := widget.NewLabel(lang.L("merge.attachments_stay"))
	note.Wrapping = fyne.TextWrapWord
	return m.line(name, a, b, note)
}

// keptA reports whether the case kept is a.
func (m *mergeView) keptA() bool { return m.keep.Selected != m.labelB }

// setDefaults sets every choice to its default for the case kept: the kept
// case's value, or the other's where the kept case has none.
func (m *mergeView) setDefaults() {
	keep, other, keepLabel, otherLabel := m.a, m.b, m.labelA, m.labelB
	if !m.keptA() {
		keep, other, keepLabel, otherLabel = m.b, m.a, m.labelB, m.labelA
	}
	for _, r := range m.rows {
		if r.choice == nil {
			continue
		}
		if cases.DefaultTake(keep, other, r.field.Key) {
			r.choice.SetSelected(otherLabel)
		} else {
			r.choice.SetSelected(keepLabel)
		}
	}
}

// result is what the person chose: the case kept, the other (merged into
// it), and the fields whose value is the other's.
func (m *mergeView) result() (keep, other cases.Case, take []string) {
	keep, other, otherLabel := m.a, m.b, m.labelB
	if !m.keptA() {
		keep, other, otherLabel = m.b, m.a, m.labelA
	}
	for _, r := range m.rows {
		if r.choice != nil && r.choice.Selected == otherLabel {
			take = append(take, r.field.Key)
		}
	}
	return keep, other, take
}

// differing lists the keys of the fields marked as differing.
func (m *mergeView) differing() []string {
	var out []string
	for _, r := range m.rows {
		if r.field.Differs {
			out = append(out, r.field.Key)
		}
	}
	return out
}

// wipe clears the case text the view shows (on lock).
func (m *mergeView) wipe() {
	for _, l := range m.texts {
		l.SetText("")
	}
}

// mergeValue is the value of the field key of c as the comparison shows it.
func mergeValue(c cases.Case, key string) string {
	p := c.Person
	var s string
	switch key {
	case "person.name":
		s = p.Name
		if p.Pseudonym {
			s += " (" + lang.L("merge.pseudonym") + ")"
		}
	case "person.aliases":
		s = strings.Join(p.Aliases, ", ")
	case "person.birth_date":
		s = p.BirthDate.String()
	case "person.sex":
		if p.Sex != "" {
			s = enumLabel("sex", string(p.Sex))
		}
	case "person.phones":
		s = strings.Join(p.Phones, ", ")
	case "person.handles":
		var hs []string
		for _, h := range p.Handles {
			hs = append(hs, enumLabel("channel", string(h.Channel))+": "+h.Value)
		}
		s = strings.Join(hs, ", ")
	case "person.facility":
		s = p.Facility
	case "person.region":
		s = p.Region
	case "person.unit":
		s = p.Unit
	case "person.recruited_by":
		s = p.RecruitedBy
	case "person.recruited_on":
		s = p.RecruitedOn.String()
	case "person.features":
		s = p.Features
	case "status":
		s = enumLabel("status", string(c.Status))
	case "priority":
		if c.Priority != "" {
			s = enumLabel("priority", string(c.Priority))
		}
	case "assigned_to":
		s = c.AssignedTo
	case "tags":
		s = strings.Join(c.Tags, ", ")
	case "reporters":
		var rs []string
		for _, r := range c.Reporters {
			rs = append(rs, strings.TrimSpace(r.Name+" ("+r.Relation+")"))
		}
		s = strings.ReplaceAll(strings.Join(rs, "; "), " ()", "")
	case "events":
		s = countLatest(len(c.Events), latestEvent(c.Events))
	case "places":
		var ps []string
		for _, pl := range c.Places {
			ps = append(ps, pl.Name)
		}
		s = countLatest(len(c.Places), "") + listSuffix(ps)
	case "promises":
		var ps []string
		for _, pr := range c.Promises {
			ps = append(ps, pr.What)
		}
		s = countLatest(len(c.Promises), "") + listSuffix(ps)
	case "notes":
		s = c.Notes
	case "requests":
		s = countLatest(len(c.Requests), "")
	case "followups":
		s = countLatest(len(c.FollowUps), "")
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return "—"
	}
	if r := []rune(s); len(r) > mergeValueMax {
		s = string(r[:mergeValueMax]) + "…"
	}
	return s
}

func countLatest(n int, latest string) string {
	if n == 0 {
		return ""
	}
	if latest == "" {
		return strconv.Itoa(n)
	}
	return lang.L("merge.count_latest", map[string]any{"N": n, "Date": latest})
}

func listSuffix(items []string) string {
	items = slices.DeleteFunc(slices.Clone(items), func(s string) bool { return strings.TrimSpace(s) == "" })
	if len(items) == 0 {
		return ""
	}
	return ": " + strings.Join(items, "; ")
}

func latestEvent(evs []cases.Event) string {
	var latest cases.Date
	for _, e := range evs {
		if !e.Date.IsZero() && (latest.IsZero() || e.Date.Compare(latest) > 0) {
			latest = e.Date
		}
	}
	return latest.String()
}
