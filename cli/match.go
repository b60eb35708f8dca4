package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"fyne.io/fyne/v2/lang"

	"kintrace/cases"
	"kintrace/cases/listmatch"
	"kintrace/cases/listmatch/listrecord"
	"kintrace/cases/patterns"
	"kintrace/cases/search"
	"kintrace/cases/vault"
)

// match: a published list (prisoners of war, a hospital's patients, the
// wounded, the dead) checked against every case. It prints the likely
// pairs, best first; with --record, it applies a decision file: the pairs
// marked "same" get a "found on a list" event.
func init() {
	register(&command{name: "match",
		usage:   "FILE [--min-score 60] [--json] [--record DECISIONS.json [--status STATUS] [--keep-list]] [--vault PATH]",
		summary: "cli.match.summary", run: matchList})
}

// describeMatch turns the errors of match into sentences (see describe).
func describeMatch(err error) (string, bool) {
	switch {
	case errors.Is(err, listmatch.ErrDecisions):
		return lang.L("cli.match.err.decisions"), true
	case errors.Is(err, errNoRow):
		return lang.L("cli.match.err.no_row"), true
	}
	return "", false
}

var errNoRow = errors.New("cli: a decision names a row the list does not have")

// readList reads a list file: a .txt as one person a line, a CSV or XLSX
// by its guessed columns (the first column the whole line when the
// header names no name column).
func readList(path string) ([]listmatch.Line, error) {
	if listmatch.IsText(path) {
		return listmatch.ReadText(path)
	}
	t, err := listmatch.ReadTable(path)
	if err != nil {
		return nil, err
	}
	m := listmatch.DefaultMapping(t.Columns)
	if t.Header != nil {
		m = listmatch.GuessMapping(t.Header)
	}
	return t.Lines(m), nil
}

func matchList(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("match")
	minScore := fs.Int("min-score", patterns.DefaultMatchScore, "")
	asJSON := fs.Bool("json", false, "")
	record := fs.String("record", "", "")
	status := fs.String("status", "", "")
	keep := fs.Bool("keep-list", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{lang.L("cli.match.err.need_file")}
	}
	if (*status != "" || *keep) && *record == "" {
		return usageError{lang.L("cli.match.err.record_flags")}
	}
	if *status != "" && !cases.Status(*status).Valid() {
		return usageError{lang.L("cli.match.err.status")}
	}
	lines, err := readList(pos[0])
	if err != nil {
		return err
	}
	if *record != "" {
		return e.withVault(vf, func(v *vault.Vault) error {
			return recordDecisions(e, v, pos[0], lines, *record, cases.Status(*status), *keep)
		})
	}
	return e.withVault(vf, func(v *vault.Vault) error {
		found, err := listmatch.Match(e.ctx, lines, v.Search(search.Query{}), patterns.MatchOptions{MinScore: max(1, *minScore)})
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(e.stdout, matchJSON(lines, found))
		}
		printMatches(e.stdout, lines, found)
		fmt.Fprintln(e.stderr, lang.X("cli.match.count", "Lines read: {{.Lines}}; likely pairs: {{.N}}",
			map[string]any{"Lines": len(lines), "N": len(found)}))
		return nil
	})
}

type matchPairJSON struct {
	Row     int               `json:"row"`
	Line    string            `json:"line"`
	Case    string            `json:"case"`
	CaseID  string            `json:"case_id"`
	Name    string            `json:"name"`
	Score   int               `json:"score"`
	Reasons []matchReasonJSON `json:"reasons"`
}

type matchReasonJSON struct {
	Kind   string `json:"kind"`
	Detail string `json:"detail,omitempty"`
	Points int    `json:"points"`
}

func matchJSON(lines []listmatch.Line, found []patterns.ListMatch) []matchPairJSON {
	out := make([]matchPairJSON, 0, len(found))
	for _, m := range found {
		j := matchPairJSON{Row: lines[m.Line].Row, Line: lines[m.Line].Text, Case: m.Case.Number, CaseID: m.Case.ID,
			Name: m.Case.Name, Score: m.Score}
		for _, r := range m.Reasons {
			j.Reasons = append(j.Reasons, matchReasonJSON{string(r.Kind), r.Detail, r.Points})
		}
		out = append(out, j)
	}
	return out
}

func printMatches(w io.Writer, lines []listmatch.Line, found []patterns.ListMatch) {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", lang.L("cli.match.col.score"), lang.L("cli.match.col.row"),
		lang.L("cli.match.col.line"), lang.L("cli.match.col.case"), lang.L("cli.match.col.reasons"))
	for _, m := range found {
		l := lines[m.Line]
		fmt.Fprintf(tw, "%d\t%d\t%s\t%s %s\t%s\n", m.Score, l.Row, printable(l.Text), printable(m.Case.Number),
			printable(m.Case.Name), matchReasonsText(m.Reasons))
	}
	tw.Flush()
}

// matchReasonsText lists reasons as "same birth year (1987) +25; …".
func matchReasonsText(rs []patterns.Reason) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		s := lang.L("cli.match.reason." + string(r.Kind))
		if r.Detail != "" {
			s += " (" + printable(r.Detail) + ")"
		}
		parts[i] = fmt.Sprintf("%s %+d", s, r.Points)
	}
	return strings.Join(parts, "; ")
}

// recordDecisions applies a decision file: the "same" pairs are recorded
// (listrecord.Record), every verdict is sealed in the vault.
func recordDecisions(e *env, v *vault.Vault, listPath string, lines []listmatch.Line, path string, status cases.Status, keep bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	d, err := listmatch.ReadDecisions(f)
	f.Close()
	if err != nil {
		return err
	}
	byRow := map[int]listmatch.Line{}
	for _, l := range lines {
		byRow[l.Row] = l
	}
	info := listmatch.Info{Name: d.List, Date: d.Date, Source: d.Source}
	if info.Name == "" {
		info.Name = strings.TrimSuffix(filepath.Base(listPath), filepath.Ext(listPath))
	}
	req := listrecord.Request{Info: info}
	for _, x := range d.Decisions {
		l, ok := byRow[x.Row]
		if !ok {
			return errNoRow
		}
		if x.Verdict == listmatch.VerdictSame {
			req.Confirmed = append(req.Confirmed, listrecord.Confirmed{Line: l, Case: x.Case, Status: status})
		}
	}
	if keep {
		if req.List, err = os.ReadFile(listPath); err != nil {
			return err
		}
		req.ListName = filepath.Base(listPath)
	}
	res, err := listrecord.Record(e.ctx, v, req)
	if err != nil {
		return err
	}
	if err := listrecord.SaveDecisions(e.ctx, v, listrecord.ListKey(lines), *d); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, lang.X("cli.match.recorded", "Recorded: {{.Added}} new events, {{.Already}} already in their case, {{.Statuses}} status changes, the list kept in {{.Kept}} cases.",
		map[string]any{"Added": res.Added, "Already": res.Already, "Statuses": res.Statuses, "Kept": res.Attachments}))
	return nil
}
