package app

import (
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
)

// caseSegments renders a case read-only, section by section, as rich text
// segments. Case text goes into plain text segments only, never through a
// markup parser, so whatever it holds is shown as typed.
func caseSegments(c cases.Case) []widget.RichTextSegment {
	var b segmentBuilder
	b.heading(c.Person.Name)
	b.field("number", c.Number)
	b.field("status", enumLabel("status", string(c.Status)))
	if c.Priority != "" {
		b.field("priority", enumLabel("priority", string(c.Priority)))
	}
	b.field("tags", strings.Join(c.Tags, ", "))
	b.field("assigned_to", c.AssignedTo)

	p := c.Person
	b.section(lang.L("editor.tab.person"))
	if p.Pseudonym {
		b.field("pseudonym", lang.L("editor.yes"))
	}
	b.field("aliases", strings.Join(p.Aliases, ", "))
	b.field("birth_date", showDate(p.BirthDate))
	if p.Sex != "" {
		b.field("sex", enumLabel("sex", string(p.Sex)))
	}
	b.field("features", p.Features)
	b.field("phones", strings.Join(p.Phones, ", "))
	for _, h := range p.Handles {
		b.field("handles", enumLabel("channel", string(h.Channel))+": "+h.Value)
	}
	b.field("facility", p.Facility)
	b.field("region", p.Region)
	b.field("unit", p.Unit)
	b.field("recruited_by", p.RecruitedBy)
	b.field("recruited_on", showDate(p.RecruitedOn))

	if len(c.Reporters) > 0 {
		b.section(lang.L("editor.tab.reporters"))
		for i, r := range c.Reporters {
			b.item(lang.L("editor.path.reporter", map[string]any{"N": i + 1}))
			b.field("name", r.Name)
			b.field("relation", r.Relation)
			b.field("contact", r.Contact)
			if r.Consent != "" {
				b.field("consent", enumLabel("consent", string(r.Consent)))
			}
			b.field("safety", r.Safety)
			b.field("language", r.Language)
		}
	}
	if len(c.Events) > 0 {
		b.section(lang.L("editor.tab.timeline"))
		evs := slices.Clone(c.Events)
		slices.SortStableFunc(evs, func(a, b cases.Event) int { return b.Date.Compare(a.Date) })
		for _, ev := range evs {
			date := showDate(ev.Date)
			if date == "" {
				date = lang.L("editor.event.undated")
			} else if ev.Approx {
				date = "≈ " + date
			}
			b.item(date + " · " + enumLabel("event", string(ev.Type)))
			if ev.Channel != "" {
				b.field("channel", enumLabel("channel", string(ev.Channel)))
			}
			b.field("from", ev.From)
			b.field("text", ev.Text)
			b.field("place", ev.Place)
			b.field("source", ev.Source)
			if ev.Verification != "" {
				b.field("verification", enumLabel("verification", string(ev.Verification)))
			}
		}
	}
	if len(c.Places) > 0 {
		b.section(lang.L("editor.tab.places"))
		for i, pl := range c.Places {
			b.item(lang.L("editor.path.place", map[string]any{"N": i + 1}))
			b.field("name", pl.Name)
			if pl.Kind != "" {
				b.field("kind", enumLabel("place", string(pl.Kind)))
			}
			b.field("region", pl.Region)
			b.field("date", showDate(pl.Date))
			if pl.Lat != nil && pl.Lon != nil {
				b.field("lat", formatCoord(pl.Lat)+", "+formatCoord(pl.Lon))
			}
			b.field("source", pl.Source)
			if pl.Confidence != "" {
				b.field("confidence", enumLabel("confidence", string(pl.Confidence)))
			}
		}
	}
	if len(c.Promises) > 0 {
		b.section(lang.L("editor.tab.promises"))
		for i, pr := range c.Promises {
			b.item(lang.L("editor.path.promise", map[string]any{"N": i + 1}))
			b.field("what", pr.What)
			b.field("by", pr.By)
			if pr.Amount != nil {
				b.field("amount", strings.TrimSpace(strconv.FormatFloat(*pr.Amount, 'f', -1, 64)+" "+pr.Currency))
			}
			switch {
			case pr.Honoured == nil:
				b.field("honoured", lang.L("editor.promise.honoured.unknown"))
			case *pr.Honoured:
				b.field("honoured", lang.L("editor.promise.honoured.yes"))
			default:
				b.field("honoured", lang.L("editor.promise.honoured.no"))
			}
		}
	}
	if c.Notes != "" {
		b.section(lang.L("editor.tab.notes"))
		b.segs = append(b.segs, &widget.TextSegment{Style: widget.RichTextStyleParagraph, Text: c.Notes})
	}
	return b.segs
}

type segmentBuilder struct{ segs []widget.RichTextSegment }

func (b *segmentBuilder) heading(text string) {
	b.segs = append(b.segs, &widget.TextSegment{Style: widget.RichTextStyleHeading, Text: text})
}

func (b *segmentBuilder) section(text string) {
	b.segs = append(b.segs, &widget.SeparatorSegment{},
		&widget.TextSegment{Style: widget.RichTextStyleSubHeading, Text: text})
}

// item starts one reporter, event, place or promise: a bold line of its
// own, in the primary colour.
func (b *segmentBuilder) item(text string) {
	style := widget.RichTextStyleStrong
	style.Inline = false
	style.ColorName = theme.ColorNamePrimary
	b.segs = append(b.segs, &widget.TextSegment{Style: style, Text: text})
}

// field adds "Label: value" as a paragraph; empty values are left out.
func (b *segmentBuilder) field(name, value string) {
	if value == "" {
		return
	}
	label := widget.RichTextStyleStrong
	label.Inline = true
	b.segs = append(b.segs,
		&widget.TextSegment{Style: label, Text: fieldLabel(name) + ": "},
		&widget.TextSegment{Style: widget.RichTextStyleParagraph, Text: value})
}

// para adds a paragraph of plain text.
func (b *segmentBuilder) para(text string) {
	b.segs = append(b.segs, &widget.TextSegment{Style: widget.RichTextStyleParagraph, Text: text})
}
