package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"fyne.io/fyne/v2/lang"

	"kintrace/cases"
	"kintrace/cases/vault"
)

// Casework commands: requests to authorities, follow-ups, and the Today
// list (cases.Today) computed from the unlocked vault's index.

func init() {
	register(&command{name: "request add",
		usage:   "ID|NUMBER --to KIND [--name TEXT] --sent DATE [--ref TEXT] [--via post|email|form|in-person] [--subject TEXT] [--deadline DATE] [--vault PATH]",
		summary: "cli.summary.request_add", run: requestAdd})
	register(&command{name: "request answer",
		usage:   "ID|NUMBER REQUEST --date DATE [--text TEXT] [--refused] [--vault PATH]",
		summary: "cli.summary.request_answer", run: requestAnswer})
	register(&command{name: "followup add", usage: "ID|NUMBER --due DATE --note TEXT [--owner NAME] [--vault PATH]",
		summary: "cli.summary.followup_add", run: followupAdd})
	register(&command{name: "followup done", usage: "ID|NUMBER FOLLOWUP [--vault PATH]",
		summary: "cli.summary.followup_done", run: followupDone})
	register(&command{name: "today", usage: "[--json] [--owner NAME] [--vault PATH]",
		summary: "cli.summary.today", run: today})
}

// now is the command line's clock (tests set env.now).
func (e *env) clock() time.Time {
	if e.now != nil {
		return e.now()
	}
	return time.Now()
}

// dateFlag reads a date as people type it (cases.ParseLocalDate).
func dateFlag(name, s string) (cases.Date, error) {
	d, err := cases.ParseLocalDate(s)
	if err != nil {
		return "", usageError{lang.X("cli.casework.err.bad_date", "--{{.Flag}}: not a date (write 2024-03-01 or 01.03.2024)",
			map[string]any{"Flag": name})}
	}
	return d, nil
}

// word reads an enumeration word as the command line writes it:
// "in-person" is "in_person".
func word(s string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "-", "_")
}

func kindNames() string {
	var names []string
	for _, k := range cases.AllAuthorityKinds {
		names = append(names, strings.ReplaceAll(string(k), "_", "-"))
	}
	return strings.Join(names, ", ")
}

func requestAdd(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("request add")
	to := fs.String("to", "", "")
	name := fs.String("name", "", "")
	sent := fs.String("sent", "", "")
	ref := fs.String("ref", "", "")
	via := fs.String("via", "", "")
	subject := fs.String("subject", "", "")
	deadline := fs.String("deadline", "", "")
	id, err := parseOneCase(fs, args)
	if err != nil {
		return err
	}
	r := cases.Request{AuthorityKind: cases.AuthorityKind(word(*to)), Authority: strings.TrimSpace(*name),
		Reference: strings.TrimSpace(*ref), Subject: strings.TrimSpace(*subject), Status: cases.RequestSent}
	if !r.AuthorityKind.Valid() {
		return usageError{lang.X("cli.casework.err.bad_kind", "--to: unknown kind of authority; use one of {{.Kinds}}",
			map[string]any{"Kinds": kindNames()})}
	}
	if *via != "" {
		r.Via = cases.RequestVia(word(*via))
		if !r.Via.Valid() {
			return usageError{lang.L("cli.casework.err.bad_via")}
		}
	}
	if *sent == "" {
		return usageError{lang.L("cli.casework.err.need_sent")}
	}
	if r.SentOn, err = dateFlag("sent", *sent); err != nil {
		return err
	}
	if *deadline != "" {
		if r.Deadline, err = dateFlag("deadline", *deadline); err != nil {
			return err
		}
	} else {
		r.Deadline = cases.DefaultDeadline(r.AuthorityKind, r.SentOn)
	}
	r.ID = cases.NewItemID()
	return e.withCaseID(vf, id, func(v *vault.Vault, c cases.Case) error {
		c.Requests = append(c.Requests, r)
		saved, err := v.Update(e.ctx, c)
		if err != nil {
			return err
		}
		due := string(r.Due())
		if due == "" {
			due = lang.L("cli.casework.no_deadline")
		}
		fmt.Fprintln(e.stdout, lang.X("cli.casework.request_added",
			"Request {{.N}} ({{.ID}}) added to {{.Case}}; answer due by {{.Due}}",
			map[string]any{"N": len(saved.Requests), "ID": r.ID, "Case": printable(saved.Number), "Due": due}))
		return nil
	})
}

func requestAnswer(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("request answer")
	date := fs.String("date", "", "")
	text := fs.String("text", "", "")
	refused := fs.Bool("refused", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageError{lang.L("cli.casework.err.need_case_and_request")}
	}
	if *date == "" {
		return usageError{lang.L("cli.casework.err.need_date")}
	}
	d, err := dateFlag("date", *date)
	if err != nil {
		return err
	}
	return e.withCaseID(vf, pos[0], func(v *vault.Vault, c cases.Case) error {
		i := c.FindRequest(pos[1])
		if i < 0 {
			return usageError{lang.L("cli.casework.err.no_request")}
		}
		r := &c.Requests[i]
		r.Status, r.AnsweredOn = cases.RequestAnswered, d
		if *refused {
			r.Status = cases.RequestRefused
		}
		if *text != "" {
			r.Answer = *text
		}
		if _, err := v.Update(e.ctx, c); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, lang.X("cli.casework.request_answered", "Request {{.N}} of {{.Case}} marked {{.Status}}",
			map[string]any{"N": i + 1, "Case": printable(c.Number), "Status": requestStatusLabel(r.Status)}))
		return nil
	})
}

func requestStatusLabel(s cases.RequestStatus) string {
	return lang.L("cli.casework.status." + string(s))
}

func followupAdd(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("followup add")
	due := fs.String("due", "", "")
	note := fs.String("note", "", "")
	owner := fs.String("owner", "", "")
	id, err := parseOneCase(fs, args)
	if err != nil {
		return err
	}
	if *due == "" || strings.TrimSpace(*note) == "" {
		return usageError{lang.L("cli.casework.err.need_due_note")}
	}
	d, err := dateFlag("due", *due)
	if err != nil {
		return err
	}
	f := cases.FollowUp{ID: cases.NewItemID(), Due: d, Note: strings.TrimSpace(*note), Owner: strings.TrimSpace(*owner)}
	return e.withCaseID(vf, id, func(v *vault.Vault, c cases.Case) error {
		c.FollowUps = append(c.FollowUps, f)
		if _, err := v.Update(e.ctx, c); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, lang.X("cli.casework.followup_added", "Follow-up {{.ID}} added to {{.Case}}, due {{.Due}}",
			map[string]any{"ID": f.ID, "Case": printable(c.Number), "Due": string(f.Due)}))
		return nil
	})
}

func followupDone(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("followup done")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageError{lang.L("cli.casework.err.need_case_and_followup")}
	}
	return e.withCaseID(vf, pos[0], func(v *vault.Vault, c cases.Case) error {
		i := -1
		for j := range c.FollowUps {
			if c.FollowUps[j].ID == pos[1] || fmt.Sprint(j+1) == pos[1] {
				i = j
				break
			}
		}
		if i < 0 {
			return usageError{lang.L("cli.casework.err.no_followup")}
		}
		c.FollowUps[i].Done = true
		if _, err := v.Update(e.ctx, c); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, lang.L("cli.casework.followup_done"))
		return nil
	})
}

// printCasework prints a case's requests and follow-ups for case show,
// numbered as request answer and followup done take them.
func printCasework(w io.Writer, c cases.Case) {
	if len(c.Requests) > 0 {
		fmt.Fprintln(w, lang.L("cli.casework.show.requests")+":")
		for i, r := range c.Requests {
			fmt.Fprintf(w, "  %d. [%s] %s %s", i+1, r.ID, lang.L("cli.casework.authority."+string(r.AuthorityKind)), printable(r.Authority))
			fmt.Fprintf(w, "; %s %s", lang.L("cli.casework.show.sent"), r.SentOn)
			if due := r.Due(); due != "" {
				fmt.Fprintf(w, "; %s %s", lang.L("cli.casework.show.due"), due)
			}
			fmt.Fprintf(w, "; %s\n", requestStatusLabel(r.StatusAt(time.Now())))
			if r.Answer != "" {
				fmt.Fprintf(w, "     %s %s: %s\n", lang.L("cli.casework.show.answer"), r.AnsweredOn, printableText(r.Answer))
			}
		}
	}
	if len(c.FollowUps) > 0 {
		fmt.Fprintln(w, lang.L("cli.casework.show.followups")+":")
		for i, f := range c.FollowUps {
			done := ""
			if f.Done {
				done = " (" + lang.L("cli.casework.show.done") + ")"
			}
			fmt.Fprintf(w, "  %d. [%s] %s %s %s%s\n", i+1, f.ID, f.Due, printable(f.Owner), printableText(f.Note), done)
		}
	}
}

// todayRow is one row of `today --json`.
type todayRow struct {
	Kind       string `json:"kind"` // followup, request, silence
	Case       string `json:"case"` // the case number
	CaseID     string `json:"case_id"`
	Name       string `json:"name"`
	Owner      string `json:"owner,omitempty"`
	Item       string `json:"item,omitempty"` // the follow-up's or request's id
	Due        string `json:"due,omitempty"`
	Overdue    bool   `json:"overdue,omitempty"`
	Text       string `json:"text,omitempty"`
	Authority  string `json:"authority_kind,omitempty"`
	SilentDays *int   `json:"silent_days,omitempty"` // null: never a confirmed contact
}

func today(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("today")
	asJSON := fs.Bool("json", false, "")
	owner := fs.String("owner", "", "")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	return e.withVault(vf, func(v *vault.Vault) error {
		t := v.Index().Today(e.clock(), 0)
		rows := t.Rows()
		if *owner != "" {
			rows = nil
			for _, r := range t.Rows() {
				if strings.EqualFold(r.Owner, *owner) {
					rows = append(rows, r)
				}
			}
		}
		if *asJSON {
			out := make([]todayRow, 0, len(rows))
			for _, r := range rows {
				jr := todayRow{Kind: string(r.Kind), Case: r.Number, CaseID: r.CaseID, Name: r.Name, Owner: r.Owner,
					Item: r.ItemID, Due: string(r.Due), Overdue: r.Overdue, Text: r.Text, Authority: string(r.Authority)}
				if r.Kind == cases.TodaySilence && r.SilentDays >= 0 {
					d := r.SilentDays
					jr.SilentDays = &d
				}
				out = append(out, jr)
			}
			return writeJSON(e.stdout, out)
		}
		return printToday(e, rows, t.ByOwner)
	})
}

func printToday(e *env, rows []cases.TodayRow, owners []cases.OwnerCount) error {
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", lang.L("cli.casework.col.what"), lang.L("cli.col.number"),
		lang.L("cli.col.name"), lang.L("cli.casework.col.due"), lang.L("cli.casework.col.owner"), lang.L("cli.casework.col.details"))
	for _, r := range rows {
		what, details, due := "", printable(r.Text), string(r.Due)
		switch r.Kind {
		case cases.TodayFollowUp:
			what = lang.L("cli.casework.kind.followup")
			if r.Overdue {
				what = lang.L("cli.casework.kind.followup_overdue")
			}
		case cases.TodayRequest:
			what = lang.L("cli.casework.kind.request")
			details = strings.TrimSpace(lang.L("cli.casework.authority."+string(r.Authority)) + " " + details)
		case cases.TodaySilence:
			what = lang.L("cli.casework.kind.silence")
			if r.SilentDays < 0 {
				details = lang.L("cli.casework.never_confirmed")
			} else {
				details = lang.X("cli.casework.silent_days", "{{.N}} days without confirmed contact", map[string]any{"N": r.SilentDays})
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", what, printable(r.Number), printable(r.Name), due, printable(r.Owner), details)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, lang.X("cli.casework.today_count", "To do today: {{.N}}", map[string]any{"N": len(rows)}))
	for _, oc := range owners {
		name := oc.Owner
		if name == "" {
			name = lang.L("cli.casework.nobody")
		}
		fmt.Fprintln(e.stdout, "  "+lang.X("cli.casework.owner_counts",
			"{{.Owner}}: {{.F}} follow-ups, {{.R}} requests past deadline, {{.S}} silent cases",
			map[string]any{"Owner": printable(name), "F": oc.FollowUps, "R": oc.Requests, "S": oc.Silent}))
	}
	return nil
}
