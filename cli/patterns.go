package cli

import (
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"fyne.io/fyne/v2/lang"

	"kintrace/cases"
	"kintrace/cases/patterns"
	"kintrace/cases/vault"
)

func init() {
	register(&command{name: "links", usage: "ID|NUMBER [--json] [--vault PATH]",
		summary: "cli.patterns.summary.links", run: links})
	register(&command{name: "shared", usage: "[--kind phone|handle|facility|unit|place] [--min 2] [--query Q] [--sort count|last|first|label] [--json] [--vault PATH]",
		summary: "cli.patterns.summary.shared", run: shared})
	register(&command{name: "duplicates", usage: "[--min-score 60] [--limit 1000] [--json] | --not-same A B [--undo] [--vault PATH]",
		summary: "cli.patterns.summary.duplicates", run: duplicates})
	register(&command{name: "merge", usage: "FROM INTO | --undo ID [--vault PATH]",
		summary: "cli.patterns.summary.merge", run: merge})
}

// describePatterns turns the errors of links, duplicates and merges into
// sentences (see describe).
func describePatterns(err error) (string, bool) {
	switch {
	case errors.Is(err, vault.ErrSameCase):
		return lang.L("cli.patterns.err.same_case"), true
	case errors.Is(err, vault.ErrAlreadyMerged):
		return lang.L("cli.patterns.err.already_merged"), true
	case errors.Is(err, vault.ErrNoMerge):
		return lang.L("cli.patterns.err.no_merge"), true
	case errors.Is(err, vault.ErrChangedSinceMerge):
		return lang.L("cli.patterns.err.undo_conflict"), true
	}
	return "", false
}

// kindLabel is the translated name of an identifier kind.
func kindLabel(k patterns.IdentKind) string { return lang.L("cli.patterns.kind." + string(k)) }

func dateOrDash(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Format(time.DateOnly)
}

func links(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("links")
	asJSON := fs.Bool("json", false, "")
	id, err := parseOneCase(fs, args)
	if err != nil {
		return err
	}
	v, err := e.openUnlocked(vf)
	if err != nil {
		return err
	}
	defer v.Close()
	c, err := v.Get(e.ctx, id)
	if err != nil {
		return err
	}
	ls := v.Identifiers().Links(c.ID)
	if *asJSON {
		type caseJSON struct {
			ID      string `json:"id"`
			Number  string `json:"number"`
			Name    string `json:"name"`
			Written string `json:"written"`
		}
		type linkJSON struct {
			Kind       string     `json:"kind"`
			Identifier string     `json:"identifier"`
			Written    string     `json:"written"`
			Total      int        `json:"total"`
			Cases      []caseJSON `json:"cases"`
		}
		out := make([]linkJSON, 0, len(ls))
		for _, l := range ls {
			j := linkJSON{Kind: string(l.Ident.Kind), Identifier: l.Ident.Label(), Written: l.Ident.Raw, Total: l.Total}
			for _, r := range l.Cases {
				j.Cases = append(j.Cases, caseJSON{r.ID, r.Number, r.Name, r.Raw})
			}
			out = append(out, j)
		}
		return writeJSON(e.stdout, out)
	}
	if len(ls) == 0 {
		fmt.Fprintln(e.stdout, lang.L("cli.patterns.links.none"))
		return nil
	}
	for i, l := range ls {
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		fmt.Fprintf(e.stdout, "%s %s (%s)\n", kindLabel(l.Ident.Kind), printable(l.Ident.Label()), printable(l.Ident.Raw))
		tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		for _, r := range l.Cases {
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", printable(r.Number), printable(r.Name), printable(r.Raw))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		if l.Total > len(l.Cases) {
			fmt.Fprintln(e.stdout, "  "+lang.X("cli.patterns.links.more", "and {{.N}} more", map[string]any{"N": l.Total - len(l.Cases)}))
		}
	}
	return nil
}

var sharedSorts = map[string]patterns.SharedSort{
	"count": patterns.SharedByCount, "last": patterns.SharedByLastSeen,
	"first": patterns.SharedByFirstSeen, "label": patterns.SharedByLabel,
}

func shared(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("shared")
	kind := fs.String("kind", "", "")
	minCases := fs.Int("min", 2, "")
	query := fs.String("query", "", "")
	sortBy := fs.String("sort", "count", "")
	asJSON := fs.Bool("json", false, "")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	if *kind != "" && !patterns.IdentKind(*kind).Valid() {
		return usageError{lang.X("cli.patterns.err.bad_kind", "unknown kind {{.Kind}}: use phone, handle, facility, unit or place", map[string]any{"Kind": *kind})}
	}
	order, ok := sharedSorts[*sortBy]
	if !ok {
		return usageError{lang.X("cli.patterns.err.bad_sort", "unknown order {{.Sort}}: use count, last, first or label", map[string]any{"Sort": *sortBy})}
	}
	v, err := e.openUnlocked(vf)
	if err != nil {
		return err
	}
	defer v.Close()
	x := v.Identifiers()
	q := patterns.SharedQuery{Kind: patterns.IdentKind(*kind), Min: *minCases, Text: *query, Sort: order}
	list := x.Shared(q)
	// First and last seen are the dates of the events that mention an
	// identifier, read from every case.
	var seen patterns.Seen
	if err := v.Each(e.ctx, func(c cases.Case) error { seen.Add(&c); return nil }); err != nil {
		return err
	}
	list = seen.Dated(list, q)
	labels, err := v.IdentLabels(e.ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		type sharedJSON struct {
			Kind       string   `json:"kind"`
			Identifier string   `json:"identifier"`
			Written    string   `json:"written"`
			Region     string   `json:"region,omitempty"`
			Label      string   `json:"label,omitempty"`
			Count      int      `json:"count"`
			FirstSeen  string   `json:"first_seen,omitempty"`
			LastSeen   string   `json:"last_seen,omitempty"`
			Cases      []string `json:"cases"`
		}
		out := make([]sharedJSON, 0, len(list))
		for _, s := range list {
			j := sharedJSON{Kind: string(s.Ident.Kind), Identifier: s.Ident.Label(), Written: s.Ident.Raw,
				Region: s.Ident.Region, Label: labels.Of(s.Ident), Count: s.Count}
			if !s.First.IsZero() {
				j.FirstSeen, j.LastSeen = s.First.Format(time.DateOnly), s.Last.Format(time.DateOnly)
			}
			for _, r := range x.CasesOf(s.Ident) {
				if !r.Merged {
					j.Cases = append(j.Cases, r.Number)
				}
			}
			out = append(out, j)
		}
		return writeJSON(e.stdout, out)
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", lang.L("cli.patterns.col.kind"), lang.L("cli.patterns.col.identifier"),
		lang.L("cli.patterns.col.cases"), lang.L("cli.patterns.col.first_seen"), lang.L("cli.patterns.col.last_seen"),
		lang.L("cli.patterns.col.case_numbers"))
	for _, s := range list {
		var numbers []string
		for _, r := range x.CasesOf(s.Ident) {
			if !r.Merged && len(numbers) < 5 {
				numbers = append(numbers, printable(r.Number))
			}
		}
		if s.Count > len(numbers) {
			numbers = append(numbers, "…")
		}
		ident := sharedLabel(s.Ident)
		if l := labels.Of(s.Ident); l != "" {
			ident += " — " + l
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\n", kindLabel(s.Ident.Kind), printable(ident), s.Count,
			dateOrDash(s.First), dateOrDash(s.Last), strings.Join(numbers, ", "))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(e.stderr, lang.X("cli.patterns.shared.count", "Shared identifiers: {{.N}}", map[string]any{"N": len(list)}))
	return nil
}

// sharedLabel is an identifier's normalised form, with the spelling it was
// first seen in when that differs (a facility's region, a place's words).
func sharedLabel(id patterns.Identifier) string {
	label := id.Label()
	if id.Raw != "" && id.Raw != label && id.Kind != patterns.IdentPhone && id.Kind != patterns.IdentHandle {
		label += " (" + id.Raw + ")"
	}
	return label
}

func duplicates(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("duplicates")
	minScore := fs.Int("min-score", patterns.DefaultMinScore, "")
	limit := fs.Int("limit", patterns.DefaultDupeLimit, "")
	notSame := fs.Bool("not-same", false, "")
	undo := fs.Bool("undo", false, "")
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *notSame != (len(pos) == 2) || len(pos) != 0 && len(pos) != 2 || *undo && !*notSame {
		return usageError{lang.L("cli.patterns.err.not_same_args")}
	}
	v, err := e.openUnlocked(vf)
	if err != nil {
		return err
	}
	defer v.Close()
	if *notSame {
		a, err := v.Get(e.ctx, pos[0])
		if err != nil {
			return err
		}
		b, err := v.Get(e.ctx, pos[1])
		if err != nil {
			return err
		}
		if *undo {
			if err := v.UnmarkNotSame(e.ctx, a.ID, b.ID); err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, lang.L("cli.patterns.not_same.undone"))
			return nil
		}
		if err := v.MarkNotSame(e.ctx, a.ID, b.ID); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, lang.L("cli.patterns.not_same.done"))
		return nil
	}
	ds, err := v.Duplicates(e.ctx, patterns.DupeOptions{MinScore: max(1, *minScore), Limit: max(1, *limit)})
	if err != nil {
		return err
	}
	if *asJSON {
		type reasonJSON struct {
			Kind   string `json:"kind"`
			Detail string `json:"detail,omitempty"`
			Points int    `json:"points"`
		}
		type dupeJSON struct {
			A       string       `json:"a"`
			B       string       `json:"b"`
			Score   int          `json:"score"`
			Reasons []reasonJSON `json:"reasons"`
		}
		out := make([]dupeJSON, 0, len(ds))
		for _, d := range ds {
			j := dupeJSON{A: d.A.Number, B: d.B.Number, Score: d.Score}
			for _, r := range d.Reasons {
				j.Reasons = append(j.Reasons, reasonJSON{string(r.Kind), r.Detail, r.Points})
			}
			out = append(out, j)
		}
		return writeJSON(e.stdout, out)
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", lang.L("cli.patterns.col.score"), lang.L("cli.patterns.col.case_a"),
		lang.L("cli.patterns.col.case_b"), lang.L("cli.patterns.col.reasons"))
	for _, d := range ds {
		fmt.Fprintf(tw, "%d\t%s %s\t%s %s\t%s\n", d.Score, printable(d.A.Number), printable(d.A.Name), printable(d.B.Number), printable(d.B.Name), reasonsText(d.Reasons))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(e.stderr, lang.X("cli.patterns.duplicates.count", "Possible duplicates: {{.N}}", map[string]any{"N": len(ds)}))
	return nil
}

// reasonsText lists reasons as "same birth year (1987) +25; …".
func reasonsText(rs []patterns.Reason) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		s := lang.L("cli.patterns.reason." + string(r.Kind))
		if r.Detail != "" {
			s += " (" + r.Detail + ")"
		}
		parts[i] = fmt.Sprintf("%s %+d", s, r.Points)
	}
	return strings.Join(parts, "; ")
}

func merge(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("merge")
	undo := fs.Bool("undo", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *undo && len(pos) != 1 || !*undo && len(pos) != 2 {
		return usageError{lang.L("cli.patterns.err.merge_args")}
	}
	return e.withVault(vf, func(v *vault.Vault) error {
		if *undo {
			from, into, err := v.UndoMerge(e.ctx, pos[0])
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, lang.X("cli.patterns.merge.undone", "Merge undone: {{.From}} and {{.Into}} are as they were before it (as new versions).",
				map[string]any{"From": from.Number, "Into": into.Number}))
			return nil
		}
		from, into, err := v.Merge(e.ctx, pos[0], pos[1])
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, lang.X("cli.patterns.merge.done", "Merged {{.From}} into {{.Into}}. Nothing was deleted; undo with: kintrace merge --undo {{.Into}}",
			map[string]any{"From": from.Number, "Into": into.Number}))
		return nil
	})
}
