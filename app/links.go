package app

import (
	"context"
	"embed"
	"errors"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
	"kintrace/cases/patterns"
	"kintrace/cases/search"
	"kintrace/cases/vault"
)

// The patterns feature: the "Linked cases" tab of the case editor, and the
// "Shared identifiers", "Possible duplicates" and "Overview" commands. Its
// messages live in translations/patterns.
//
//go:embed translations/patterns/*.json
var patternsTranslations embed.FS

func init() {
	registerTranslations(patternsTranslations, "translations/patterns")
}

// themeIcon is a theme icon looked up when it is drawn, not when a feature
// registers from init: the command line links this package but never
// starts an app, and a lookup then logs an error on every run.
type themeIcon fyne.ThemeIconName

var _ fyne.ThemedResource = themeIcon("")

func (i themeIcon) resource() fyne.Resource { return theme.Icon(fyne.ThemeIconName(i)) }

// Name is the icon's resource name.
func (i themeIcon) Name() string { return i.resource().Name() }

// Content is the icon's SVG.
func (i themeIcon) Content() []byte { return i.resource().Content() }

// ThemeColorName is the colour the icon is drawn in.
func (i themeIcon) ThemeColorName() fyne.ThemeColorName {
	if t, ok := i.resource().(fyne.ThemedResource); ok {
		return t.ThemeColorName()
	}
	return theme.ColorNameForeground
}

// patternError is the sentence for an error of the patterns feature.
func patternError(err error) string {
	switch {
	case errors.Is(err, vault.ErrSameCase):
		return lang.L("patterns.err.same_case")
	case errors.Is(err, vault.ErrAlreadyMerged):
		return lang.L("patterns.err.already_merged")
	case errors.Is(err, vault.ErrNoMerge):
		return lang.L("patterns.err.no_merge")
	case errors.Is(err, vault.ErrChangedSinceMerge):
		return lang.L("patterns.err.undo_conflict")
	}
	return errorMessage(err)
}

// kindKeys are the lang keys of the identifier kinds.
var kindKeys = map[patterns.IdentKind]string{
	patterns.IdentPhone: "patterns.kind.phone", patterns.IdentHandle: "patterns.kind.handle",
	patterns.IdentFacility: "patterns.kind.facility", patterns.IdentUnit: "patterns.kind.unit",
	patterns.IdentPlace: "patterns.kind.place",
}

// kindLabel is the translated name of an identifier kind.
func kindLabel(k patterns.IdentKind) string { return lang.L(kindKeys[k]) }

// reasonKeys are the lang keys of the reasons of a duplicate suggestion.
var reasonKeys = map[patterns.ReasonKind]string{
	patterns.ReasonSameName: "patterns.reason.same_name", patterns.ReasonShortForm: "patterns.reason.short_form",
	patterns.ReasonSimilarSurname: "patterns.reason.similar_surname", patterns.ReasonInitial: "patterns.reason.initial",
	patterns.ReasonSamePatronymic: "patterns.reason.same_patronymic", patterns.ReasonPatronymicDiffer: "patterns.reason.patronymic_differs",
	patterns.ReasonSameBirthYear: "patterns.reason.same_birth_year", patterns.ReasonNearBirthYear: "patterns.reason.near_birth_year",
	patterns.ReasonBirthYearDiffers: "patterns.reason.birth_year_differs", patterns.ReasonSameFacility: "patterns.reason.same_facility",
	patterns.ReasonSameUnit: "patterns.reason.same_unit", patterns.ReasonSharedPhone: "patterns.reason.shared_phone",
	patterns.ReasonSharedHandle: "patterns.reason.shared_handle",
}

// eventTypeLabel is the editor's translated name of an event type.
func eventTypeLabel(t cases.EventType) string {
	key := "enum.event." + string(t)
	if s := lang.L(key); s != key {
		return s
	}
	return string(t)
}

// identText is an identifier for display: a phone number formatted
// ("+7 912 555-01-23"); the spelling it was found in when that holds the
// normalised form ("ИК-17, Мордовия" for IK-17, "в/ч 12345" for 12345),
// otherwise the normalised form with the spelling.
func identText(id patterns.Identifier) string {
	label := id.Label()
	switch {
	case id.Kind == patterns.IdentPhone:
		return cases.FormatPhone(id.Key)
	case id.Kind == patterns.IdentHandle || id.Raw == "" || id.Raw == label:
		return label
	case strings.Contains(search.Fold(id.Raw), search.Fold(label)):
		return id.Raw
	}
	return label + " — " + id.Raw
}

// identTitle is an identifier's normalised form for display, a phone
// number formatted.
func identTitle(id patterns.Identifier) string {
	if id.Kind == patterns.IdentPhone {
		return cases.FormatPhone(id.Key)
	}
	return id.Label()
}

// caseButton opens a case when tapped.
func caseButton(h Host, ref patterns.CaseRef, before func()) *widget.Button {
	b := widget.NewButtonWithIcon(ref.Number+"  "+ref.Name, theme.DocumentIcon(), func() {
		if before != nil {
			before()
		}
		h.OpenCase(ref.ID)
	})
	b.Alignment = widget.ButtonAlignLeading
	b.Importance = widget.LowImportance
	return b
}

// maxLinkedLoads caps how many linked cases the panel decrypts to show the
// events that mention an identifier.
const maxLinkedLoads = 60

// linksPanel is the case editor's "Linked cases" tab: every other case that
// shares a phone number, handle, facility, unit or place with this one,
// grouped by identifier, with the events where the identifier appears.
type linksPanel struct {
	host Host
	c    cases.Case
	root *fyne.Container

	status *widget.Label
	groups []*linkGroup

	work sync.WaitGroup // tests wait on it
}

// linkGroup is one identifier's card.
type linkGroup struct {
	link  patterns.Link
	label string // what the user labelled the identifier, if anything
	own   patterns.Mentions
	other map[string]patterns.Mentions // case id -> where it mentions the identifier
	cases map[string]cases.Case
	card  *widget.Card
	open  []*widget.Button
}

func newLinksPanel(h Host, c cases.Case) *linksPanel {
	p := &linksPanel{host: h, c: c, status: widget.NewLabel(lang.L("patterns.links.loading"))}
	p.status.Wrapping = fyne.TextWrapWord
	p.root = container.NewStack(container.NewPadded(p.status))
	v := h.Store()
	if v == nil {
		p.status.SetText(lang.L("patterns.links.locked"))
		return p
	}
	x := v.Identifiers()
	select {
	case <-x.Ready():
	default:
		// Unlock returned before the identifier index was filled: say so,
		// and ask it once it is.
		p.status.SetText(lang.L("patterns.links.indexing"))
		p.work.Add(1)
		h.Go(func(ctx context.Context) {
			defer p.work.Done()
			if x.Wait(ctx) != nil {
				return
			}
			links := x.Links(c.ID)
			if len(links) == 0 {
				fyne.Do(func() { p.status.SetText(lang.L("patterns.links.none")) })
				return
			}
			fyne.Do(func() { p.status.SetText(lang.L("patterns.links.loading")) })
			groups := p.load(v, links)
			fyne.Do(func() { p.show(groups) })
		})
		return p
	}
	links := x.Links(c.ID)
	if len(links) == 0 {
		p.status.SetText(lang.L("patterns.links.none"))
		return p
	}
	p.work.Add(1)
	h.Go(func(ctx context.Context) {
		defer p.work.Done()
		groups := p.load(v, links)
		fyne.Do(func() { p.show(groups) })
	})
	return p
}

// load decrypts the linked cases (up to maxLinkedLoads) and finds where
// each mentions its identifier. It runs off the UI goroutine.
func (p *linksPanel) load(v *vault.Vault, links []patterns.Link) []*linkGroup {
	loaded := map[string]cases.Case{}
	groups := make([]*linkGroup, len(links))
	labels, _ := v.IdentLabels(context.Background()) // without them, the cards show no labels
	for i, l := range links {
		g := &linkGroup{link: l, label: labels.Of(l.Ident), own: patterns.MentionsOf(p.c, l.Ident), other: map[string]patterns.Mentions{}, cases: loaded}
		for _, ref := range l.Cases {
			c, ok := loaded[ref.ID]
			if !ok && len(loaded) < maxLinkedLoads {
				var err error
				if c, err = v.Get(context.Background(), ref.ID); err != nil {
					continue
				}
				loaded[ref.ID], ok = c, true
			}
			if ok {
				g.other[ref.ID] = patterns.MentionsOf(c, l.Ident)
			}
		}
		groups[i] = g
	}
	return groups
}

func (p *linksPanel) show(groups []*linkGroup) {
	p.groups = groups
	n := map[string]bool{}
	for _, g := range groups {
		for _, r := range g.link.Cases {
			n[r.ID] = true
		}
	}
	p.status.SetText(lang.X("patterns.links.summary", "Linked cases: {{.Cases}}; shared identifiers: {{.Idents}}. Tap a case to open it.",
		map[string]any{"Cases": len(n), "Idents": len(groups)}))
	box := container.NewVBox(p.status)
	for _, g := range groups {
		box.Add(p.card(g))
	}
	p.root.Objects = []fyne.CanvasObject{container.NewVScroll(container.NewPadded(box))}
	p.root.Refresh()
}

// card builds one identifier's card: what it is, where this case mentions
// it, and each other case with the events that mention it.
func (p *linksPanel) card(g *linkGroup) fyne.CanvasObject {
	l := g.link
	title := kindLabel(l.Ident.Kind) + ": " + identTitle(l.Ident)
	if g.label != "" {
		title += " — " + g.label
	}
	sub := lang.X("patterns.links.count", "other cases: {{.N}}", map[string]any{"N": l.Total})
	if l.Ident.Raw != "" && l.Ident.Raw != l.Ident.Label() && l.Ident.Raw != identTitle(l.Ident) {
		sub = lang.X("patterns.links.written", "written here as “{{.Raw}}”", map[string]any{"Raw": l.Ident.Raw}) + " · " + sub
	}
	body := container.NewVBox()
	if here := mentionText(p.c, g.own); here != "" {
		body.Add(dimLabel(lang.L("patterns.links.here") + " " + here))
	}
	for _, ref := range l.Cases {
		b := caseButton(p.host, ref, nil)
		g.open = append(g.open, b)
		body.Add(b)
		if m, ok := g.other[ref.ID]; ok {
			if text := mentionText(g.cases[ref.ID], m); text != "" {
				body.Add(indented(dimLabel(text)))
			}
		} else if ref.Raw != "" {
			body.Add(indented(dimLabel(lang.X("patterns.links.as_written", "written “{{.Raw}}”", map[string]any{"Raw": ref.Raw}))))
		}
	}
	if l.Total > len(l.Cases) {
		body.Add(dimLabel(plural("count.links_more", l.Total-len(l.Cases), map[string]any{"N": l.Total - len(l.Cases)})))
	}
	g.card = widget.NewCard(title, sub, body)
	return g.card
}

// mentionText says where a case mentions an identifier: "person's details"
// and each event as "2022-07-10 · message received · words…".
func mentionText(c cases.Case, m patterns.Mentions) string {
	var lines []string
	if m.Person {
		lines = append(lines, lang.L("patterns.links.in_person"))
	}
	for _, i := range m.Events {
		if i >= len(c.Events) {
			continue
		}
		e := c.Events[i]
		parts := []string{showDate(e.Date)}
		if e.Date == "" {
			parts[0] = "—"
		}
		parts = append(parts, eventTypeLabel(e.Type))
		if e.From != "" {
			parts = append(parts, e.From)
		}
		if text := shorten(e.Text, 90); text != "" {
			parts = append(parts, "“"+text+"”")
		} else if e.Place != "" {
			parts = append(parts, e.Place)
		}
		lines = append(lines, strings.Join(parts, " · "))
	}
	return strings.Join(lines, "\n")
}

func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// dimLabel is a wrapping label for secondary text.
func dimLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// indented sets o in from the left, under the case it belongs to.
func indented(o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(layout.NewCustomPaddedLayout(0, 0, 32, 0), o)
}

func boldLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.TextStyle = fyne.TextStyle{Bold: true}
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// countText is "N cases" in the user's language.
func countText(n int) string {
	return plural("count.cases", n, map[string]any{"N": n})
}
