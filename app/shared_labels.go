package app

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"kintrace/cases"
	"kintrace/cases/patterns"
	"kintrace/cases/vault"
)

// loadLabelsAndSeen reads the identifier labels and every case's events
// off the UI goroutine (one pass over the vault, like the overview's events
// per week), then fills the label and seen columns.
func (s *sharedView) loadLabelsAndSeen() {
	v := s.v
	s.work.Add(1)
	s.host.Go(func(ctx context.Context) {
		defer s.work.Done()
		labels, err := v.IdentLabels(ctx)
		if err != nil {
			labels = nil
		}
		seen := &patterns.Seen{}
		err = v.Each(ctx, func(c cases.Case) error {
			seen.Add(&c)
			return ctx.Err()
		})
		fyne.Do(func() {
			s.labels = labels
			if err == nil {
				s.seen = seen
			}
			if s.selected != nil && s.label.Text == "" {
				s.label.SetText(s.labels.Of(*s.selected))
			}
			s.sortRows()
			s.table.Refresh()
		})
	})
}

// sortRows orders the rows by the label or seen column when one of them
// is the sort column: the index knows neither.
func (s *sharedView) sortRows() {
	var key func(patterns.Shared) (string, time.Time)
	switch s.sortCol {
	case colLabel:
		key = func(r patterns.Shared) (string, time.Time) { return strings.ToLower(s.labels.Of(r.Ident)), time.Time{} }
	case colFirst, colLast:
		if s.seen == nil {
			return
		}
		key = func(r patterns.Shared) (string, time.Time) {
			first, last, _ := s.seen.Span(r.Ident)
			if s.sortCol == colFirst {
				return "", first
			}
			return "", last
		}
	default:
		return
	}
	// Empty labels and identifiers no event mentions go last, whichever
	// way the column is sorted; labels A to Z, first seen earliest first,
	// last seen latest first (as the index sorts record dates); a second
	// tap reverses.
	slices.SortStableFunc(s.rows, func(a, b patterns.Shared) int {
		ka, ta := key(a)
		kb, tb := key(b)
		if s.sortCol == colLabel {
			if c := cmp.Compare(b2i(ka == ""), b2i(kb == "")); c != 0 {
				return c
			}
			if s.desc {
				return strings.Compare(kb, ka)
			}
			return strings.Compare(ka, kb)
		}
		if c := cmp.Compare(b2i(ta.IsZero()), b2i(tb.IsZero())); c != 0 {
			return c
		}
		c := ta.Compare(tb)
		if s.sortCol == colLast {
			c = -c
		}
		if s.desc {
			c = -c
		}
		return c
	})
}

// storeLabel saves the label typed for the selected identifier (an empty
// one removes it) as a sealed record of the vault.
func (s *sharedView) storeLabel() {
	if s.selected == nil || s.v == nil {
		return
	}
	id, text := *s.selected, strings.Join(strings.Fields(s.label.Text), " ")
	v := s.v
	s.saveLabel.Disable()
	s.work.Add(1)
	s.host.Go(func(ctx context.Context) {
		defer s.work.Done()
		err := v.SetIdentLabel(ctx, id, text)
		fyne.Do(func() {
			s.saveLabel.Enable()
			if err != nil {
				s.labelNote.SetText(labelError(err))
				return
			}
			if s.labels == nil {
				s.labels = vault.IdentLabels{}
			}
			if s.labels[id.Kind] == nil {
				s.labels[id.Kind] = map[string]string{}
			}
			if text == "" {
				delete(s.labels[id.Kind], id.Key)
				s.labelNote.SetText(lang.L("ident.label.removed"))
			} else {
				s.labels[id.Kind][id.Key] = text
				s.labelNote.SetText(lang.L("ident.label.saved"))
			}
			s.table.Refresh()
		})
	})
}

// labelError says why a label was not saved.
func labelError(err error) string {
	if errors.Is(err, vault.ErrLabelTooLong) {
		return lang.L("ident.label.too_long")
	}
	return patternError(err)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// loadIdentLabels reads the vault's identifier labels for a screen; none
// when the vault is locked or not a real one, or they cannot be read.
// They are a handful of small records, read once when the screen opens.
func loadIdentLabels(h interface{ Store() *vault.Vault }) vault.IdentLabels {
	v := h.Store()
	if v == nil {
		return nil
	}
	labels, err := v.IdentLabels(context.Background())
	if err != nil {
		return nil
	}
	return labels
}

// withIdentLabels is text (an event's "from") with the labels of the
// identifiers it holds: "+7 999 000-44-17 (Wagner accountant)".
func withIdentLabels(labels vault.IdentLabels, text string) string {
	if len(labels) == 0 {
		return text
	}
	var found []string
	for _, id := range patterns.IdentifiersInText(text) {
		if l := labels.Of(id); l != "" && !slices.Contains(found, l) {
			found = append(found, l)
		}
	}
	if len(found) == 0 {
		return text
	}
	return text + " (" + strings.Join(found, ", ") + ")"
}
