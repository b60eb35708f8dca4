package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"fyne.io/fyne/v2/lang"

	"kintrace/cases"
	"kintrace/cases/search"
	"kintrace/cases/vault"
)

func init() {
	register(&command{name: "case add", usage: "--json FILE|- [--vault PATH]",
		summary: "cli.summary.case_add", run: caseAdd})
	register(&command{name: "case list", usage: "[--query Q] [--status S] [--json] [--vault PATH]",
		summary: "cli.summary.case_list", run: caseList})
	register(&command{name: "case show", usage: "ID|NUMBER [--json] [--vault PATH]",
		summary: "cli.summary.case_show", run: caseShow})
	register(&command{name: "case edit", usage: "ID|NUMBER --json FILE|- [--vault PATH]",
		summary: "cli.summary.case_edit", run: caseEdit})
	register(&command{name: "case delete", usage: "ID|NUMBER [--vault PATH]",
		summary: "cli.summary.case_delete", run: caseDelete})
}

// maxInput caps what a command reads from a file or stdin (256 MiB).
const maxInput = 256 << 20

// readInput reads a named file, or stdin for "-".
func (e *env) readInput(name string) ([]byte, error) {
	var r io.Reader
	if name == "-" {
		r = e.stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxInput {
		return nil, usageError{lang.L("cli.err.too_large")}
	}
	return b, nil
}

func caseAdd(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("case add")
	in := fs.String("json", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *in == "" || len(pos) > 0 {
		return usageError{lang.L("cli.err.need_json")}
	}
	data, err := e.readInput(*in)
	if err != nil {
		return err
	}
	cs, err := cases.DecodeCases(data)
	if err != nil {
		return err
	}
	_, err = e.addCases(vf, cs)
	return err
}

func caseList(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("case list")
	query := fs.String("query", "", "")
	status := fs.String("status", "", "")
	asJSON := fs.Bool("json", false, "")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	if *status != "" && !cases.Status(*status).Valid() {
		return usageError{lang.X("cli.err.bad_status", "unknown status {{.Status}}", map[string]any{"Status": *status})}
	}
	v, err := e.openUnlocked(vf)
	if err != nil {
		return err
	}
	defer v.Close()
	found := v.Search(search.Query{Text: *query, Status: cases.Status(*status)})
	if *asJSON {
		type row struct {
			ID          string    `json:"id"`
			Number      string    `json:"number"`
			Version     int64     `json:"version"`
			Name        string    `json:"name"`
			Status      string    `json:"status"`
			Priority    string    `json:"priority,omitempty"`
			Facility    string    `json:"facility,omitempty"`
			Region      string    `json:"region,omitempty"`
			LastContact string    `json:"last_contact,omitempty"` // the last confirmed contact
			LastSign    string    `json:"last_sign_of_life,omitempty"`
			UpdatedAt   time.Time `json:"updated_at"`
		}
		out := make([]row, 0, len(found))
		for _, o := range found {
			r := row{ID: o.ID, Number: o.Number, Version: o.Version, Name: o.Name, Status: string(o.Status),
				Priority: string(o.Priority), Facility: o.Facility, Region: o.Region, UpdatedAt: o.UpdatedAt}
			if !o.LastContact.IsZero() {
				r.LastContact = o.LastContact.Format(time.DateOnly)
			}
			if !o.LastSign.IsZero() {
				r.LastSign = o.LastSign.Format(time.DateOnly)
			}
			out = append(out, r)
		}
		return writeJSON(e.stdout, out)
	}
	return printCaseTable(e.stdout, found)
}

// printCaseTable prints the table of case list and the count under it.
func printCaseTable(w io.Writer, found []cases.Overview) error {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", lang.L("cli.col.number"), lang.L("cli.col.status"),
		lang.L("cli.col.name"), lang.L("cli.col.facility"), lang.L("cli.col.last_contact"), lang.L("cli.col.last_sign"))
	for _, o := range found {
		last, sign := "—", ""
		if !o.LastContact.IsZero() {
			last = o.LastContact.Format(time.DateOnly)
		}
		if o.UnconfirmedSince() {
			sign = o.LastSign.Format(time.DateOnly)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", printable(o.Number), statusLabel(o.Status), printable(o.Name), printable(o.Facility), last, sign)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, lang.X("cli.list.count", "Cases found: {{.N}}", map[string]any{"N": len(found)}))
	return err
}

func statusLabel(s cases.Status) string {
	return lang.L("status." + string(s))
}

func caseShow(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("case show")
	asJSON := fs.Bool("json", false, "")
	return e.withCase(fs, vf, args, func(v *vault.Vault, c cases.Case) error {
		if *asJSON {
			b, err := cases.EncodeCase(c)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(e.stdout, strings.TrimRight(string(escapeJSON(b)), "\n"))
			return err
		}
		printCase(e.stdout, c)
		return nil
	})
}

func printCase(w io.Writer, c cases.Case) {
	line := func(label, value string) {
		if value != "" {
			fmt.Fprintf(w, "%-18s %s\n", lang.L(label)+":", printable(value))
		}
	}
	line("cli.show.number", c.Number)
	line("cli.show.id", c.ID)
	line("cli.show.version", fmt.Sprint(c.Version))
	line("cli.show.status", statusLabel(c.Status))
	line("cli.show.priority", string(c.Priority))
	name := c.Person.Name
	if c.Person.Pseudonym {
		name += " (" + lang.L("cli.show.pseudonym") + ")"
	}
	line("cli.show.name", name)
	line("cli.show.aliases", strings.Join(c.Person.Aliases, ", "))
	line("cli.show.birth", string(c.Person.BirthDate))
	line("cli.show.facility", c.Person.Facility)
	line("cli.show.region", c.Person.Region)
	line("cli.show.unit", c.Person.Unit)
	line("cli.show.phones", strings.Join(c.Person.Phones, ", "))
	line("cli.show.tags", strings.Join(c.Tags, ", "))
	line("cli.show.assigned", c.AssignedTo)
	for _, r := range c.Reporters {
		line("cli.show.reporter", fmt.Sprintf("%s (%s; %s)", r.Name, r.Relation, r.Consent))
	}
	if len(c.Events) > 0 {
		fmt.Fprintln(w, lang.L("cli.show.timeline")+":")
		for _, ev := range c.Events {
			d := string(ev.Date)
			if ev.Approx {
				d = "~" + d
			}
			fmt.Fprintf(w, "  %-12s %-20s %s", d, ev.Type, ev.Channel)
			if ev.From != "" {
				fmt.Fprintf(w, " %s", printable(ev.From))
			}
			fmt.Fprintf(w, " [%s]\n", ev.Verification)
			if ev.Text != "" {
				fmt.Fprintf(w, "               %s\n", printableText(ev.Text))
			}
		}
	}
	printCasework(w, c)
	if c.Notes != "" {
		fmt.Fprintf(w, "%-18s %s\n", lang.L("cli.show.notes")+":", printableText(c.Notes))
	}
	line("cli.show.updated", c.UpdatedAt.Local().Format(time.DateTime))
}

func caseEdit(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("case edit")
	in := fs.String("json", "", "")
	id, err := parseOneCase(fs, args)
	if err != nil {
		return err
	}
	if *in == "" {
		return usageError{lang.L("cli.err.need_json")}
	}
	data, err := e.readInput(*in)
	if err != nil {
		return err
	}
	cs, err := cases.DecodeCases(data)
	if err != nil {
		return err
	}
	if len(cs) != 1 {
		return usageError{lang.L("cli.err.need_one_json_case")}
	}
	return e.withVault(vf, func(v *vault.Vault) error {
		cur, err := v.Get(e.ctx, id)
		if err != nil {
			return err
		}
		next := cs[0]
		if next.ID != "" && next.ID != cur.ID {
			return usageError{lang.L("cli.err.id_mismatch")}
		}
		next.ID = cur.ID
		// A file that carries a version is checked against the vault (it was
		// read from that version); one without edits the current version.
		if next.Version == 0 {
			next.Version = cur.Version
		}
		saved, err := v.Update(e.ctx, next)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s\t%s\t%s %d\n", saved.ID, printable(saved.Number), lang.L("cli.show.version"), saved.Version)
		return nil
	})
}

func caseDelete(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("case delete")
	id, err := parseOneCase(fs, args)
	if err != nil {
		return err
	}
	return e.withVault(vf, func(v *vault.Vault) error {
		if err := v.Delete(e.ctx, id); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, lang.L("cli.case.deleted"))
		return nil
	})
}
