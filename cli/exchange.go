package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"fyne.io/fyne/v2/lang"

	"kintrace/cases"
	"kintrace/cases/exchange"
	"kintrace/cases/vault"
)

func init() {
	register(&command{name: "exchange set-folder", usage: "DIR [--vault PATH]",
		summary: "cli.summary.exchange_set_folder", run: exchangeSetFolder})
	register(&command{name: "exchange rules", usage: "NAME [--all|--tag TAG|--query Q|--cases IDs] [--redact PROFILE] [--attachments=false] [--auto-import] [--vault PATH]",
		summary: "cli.summary.exchange_rules", run: exchangeRules})
	register(&command{name: "exchange send", usage: "NAME... [--query Q|--cases IDs] [--resend] [--vault PATH]",
		summary: "cli.summary.exchange_send", run: exchangeSend})
	register(&command{name: "exchange status", usage: "[--vault PATH]",
		summary: "cli.summary.exchange_status", run: exchangeStatus})
	register(&command{name: "exchange receive", usage: "[--yes] [--vault PATH]",
		summary: "cli.summary.exchange_receive", run: exchangeReceive})
}

// describeExchange is describe for the exchange's errors.
func describeExchange(err error) (string, bool) {
	switch {
	case errors.Is(err, exchange.ErrNoFolder):
		return lang.L("cli.exchange.err.no_folder"), true
	case errors.Is(err, exchange.ErrNotReady):
		return lang.L("cli.exchange.err.not_ready"), true
	}
	return "", false
}

func exchangeSetFolder(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("exchange set-folder")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{lang.L("cli.exchange.err.need_dir")}
	}
	return e.withVault(vf, func(v *vault.Vault) error {
		f, err := exchange.SetFolder(e.ctx, v, pos[0])
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, lang.X("cli.exchange.folder_set", "Exchange folder: {{.Dir}}. Kintrace writes to {{.Outbox}} and reads {{.Inbox}}.",
			map[string]any{"Dir": f.Path, "Outbox": f.Outbox(), "Inbox": f.Inbox()}))
		return nil
	})
}

// caseArgs splits a comma-separated list of case ids or numbers.
func caseArgs(list string) []string {
	var out []string
	for _, id := range strings.Split(list, ",") {
		if id = strings.TrimSpace(id); id != "" {
			out = append(out, id)
		}
	}
	return out
}

func exchangeRules(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("exchange rules")
	all := fs.Bool("all", false, "")
	tag := fs.String("tag", "", "")
	query := fs.String("query", "", "")
	caseList := fs.String("cases", "", "")
	redact := fs.String("redact", "", "")
	attachments := fs.Bool("attachments", true, "")
	auto := fs.Bool("auto-import", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{lang.L("cli.exchange.err.need_contact")}
	}
	selections := 0
	for _, set := range []bool{*all, *tag != "", *query != "", *caseList != ""} {
		if set {
			selections++
		}
	}
	if selections > 1 {
		return usageError{lang.L("cli.bundle.err.need_selection")}
	}
	return e.withVault(vf, func(v *vault.Vault) error {
		c, err := v.FindContact(e.ctx, pos[0])
		if err != nil {
			return fmt.Errorf("contact %w", err)
		}
		r, err := exchange.GetRules(e.ctx, v, c)
		if err != nil {
			return err
		}
		switch {
		case *all:
			r.Scope = exchange.ScopeAll
		case *tag != "":
			r.Scope, r.Tag = exchange.ScopeTag, *tag
		case *query != "":
			r.Scope, r.Query = exchange.ScopeQuery, *query
		case *caseList != "":
			r.Scope, r.Cases = exchange.ScopeCases, caseArgs(*caseList)
		}
		if *redact != "" {
			if r.Redaction, err = cases.ParseRedaction(*redact); err != nil {
				return usageError{lang.L("cli.bundle.err.bad_redact")}
			}
		}
		r.Attachments, r.AutoImport = *attachments, *auto
		if err := exchange.SetRules(e.ctx, v, c, r); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, rulesLine(c, r))
		return nil
	})
}

// rulesLine says what is shared with a contact.
func rulesLine(c vault.Contact, r exchange.Rules) string {
	scope := lang.L("cli.exchange.scope." + string(r.Scope))
	switch r.Scope {
	case exchange.ScopeTag:
		scope += " " + printable(r.Tag)
	case exchange.ScopeQuery:
		scope += " " + printable(r.Query)
	case exchange.ScopeCases:
		scope += fmt.Sprintf(" (%d)", len(r.Cases))
	}
	return lang.X("cli.exchange.rules", "{{.Name}}: {{.Scope}}; redaction: {{.Redaction}}.",
		map[string]any{"Name": printable(c.Name), "Scope": scope, "Redaction": lang.L("cli.bundle.redact." + string(r.Redaction))})
}

func exchangeSend(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("exchange send")
	query := fs.String("query", "", "")
	caseList := fs.String("cases", "", "")
	resend := fs.Bool("resend", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usageError{lang.L("cli.exchange.err.need_contact")}
	}
	if *query != "" && *caseList != "" {
		return usageError{lang.L("cli.bundle.err.need_selection")}
	}
	return e.withVault(vf, func(v *vault.Vault) error {
		var contacts []vault.Contact
		for _, name := range pos {
			c, err := v.FindContact(e.ctx, name)
			if err != nil {
				return fmt.Errorf("contact %w", err)
			}
			contacts = append(contacts, c)
		}
		opt := exchange.SendOptions{Query: *query, Cases: caseArgs(*caseList), Resend: *resend}
		for _, c := range contacts {
			res, err := exchange.Send(e.ctx, v, c, opt)
			if errors.Is(err, exchange.ErrNothingToSend) {
				fmt.Fprintln(e.stdout, lang.X("cli.exchange.nothing_to_send", "{{.Name}}: has everything already ({{.Count}} cases shared).",
					map[string]any{"Name": printable(c.Name), "Count": res.InScope}))
				continue
			}
			if err != nil {
				return err
			}
			if !c.Verified {
				fmt.Fprintln(e.stderr, lang.X("cli.bundle.warn_unverified_recipients",
					"Warning: not verified: {{.Names}}. Compare fingerprints with them (kintrace contact verify) before you send this bundle: whoever swapped a key could read it.",
					map[string]any{"Names": printable(c.Name)}))
			}
			names := make([]string, len(res.Paths))
			for i, p := range res.Paths {
				names[i] = filepath.Base(p)
			}
			fmt.Fprintln(e.stdout, lang.X("cli.exchange.sent", "{{.Name}}: wrote {{.Files}}: cases {{.Cases}} (versions {{.Versions}}), attachments {{.Attachments}}, deletions {{.Deletions}}; {{.KB}} KB. Already there: {{.Skipped}}.",
				map[string]any{"Name": printable(c.Name), "Files": strings.Join(names, ", "), "Cases": res.Cases, "Versions": res.Versions,
					"Attachments": res.Attachments, "Deletions": res.Deletions, "KB": (res.Bytes + 1023) >> 10, "Skipped": res.Skipped}))
		}
		return nil
	})
}

func exchangeStatus(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("exchange status")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	return e.withVault(vf, func(v *vault.Vault) error {
		f, err := exchange.GetFolder(e.ctx, v)
		if err != nil {
			return err
		}
		items, err := exchange.Scan(e.ctx, v, exchange.ScanOptions{})
		if err != nil {
			return err
		}
		sts, err := exchange.Statuses(e.ctx, v, items)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s %s\n\n", lang.L("cli.exchange.label.folder"), f.Path)
		tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", lang.L("cli.exchange.col.contact"), lang.L("cli.exchange.col.shares"),
			lang.L("cli.exchange.col.sent"), lang.L("cli.exchange.col.acknowledged"), lang.L("cli.exchange.col.waiting"))
		for _, s := range sts {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\n", printable(s.Contact.Name), lang.L("cli.exchange.scope."+string(s.Rules.Scope)),
				when(s.LastSent), ackLine(s), s.Waiting)
		}
		tw.Flush()
		return nil
	})
}

// when is a time for a table, or a dash for never.
func when(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Local().Format(time.DateTime)
}

// ackLine says what a contact has acknowledged.
func ackLine(s exchange.ContactStatus) string {
	n := s.UnackedCases + s.UnackedAttachments + s.UnackedDeletions
	switch {
	case s.UpToDate():
		return lang.X("cli.exchange.up_to_date", "has everything up to {{.Time}}", map[string]any{"Time": when(s.LastReceipt)})
	case n > 0:
		return lang.X("cli.exchange.unacked", "{{.Count}} not acknowledged", map[string]any{"Count": n})
	}
	return "—"
}

// statusLine is an inbox item's line.
func statusLine(it exchange.InboxItem) string {
	name := printable(it.SenderName)
	switch it.Status {
	case exchange.StatusReady:
		return lang.X("cli.exchange.status.ready", "bundle from {{.Name}}: {{.Cases}} cases", map[string]any{"Name": name, "Cases": len(it.Info.Cases)})
	case exchange.StatusReceipt:
		return lang.X("cli.exchange.status.receipt", "receipt from {{.Name}}", map[string]any{"Name": name})
	case exchange.StatusDeletions:
		return lang.X("cli.exchange.status.deletions", "{{.Name}} deleted {{.Count}} cases: confirm to delete them here",
			map[string]any{"Name": name, "Count": len(it.Message.Deletions)})
	case exchange.StatusHandled:
		return lang.L("cli.exchange.status.handled")
	}
	return lang.L("cli.exchange.status." + string(it.Status))
}

func exchangeReceive(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("exchange receive")
	yes := fs.Bool("yes", false, "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	return e.withVault(vf, func(v *vault.Vault) error {
		items, err := exchange.Scan(e.ctx, v, exchange.ScanOptions{})
		if err != nil {
			return err
		}
		fresh := 0
		for _, it := range items {
			if it.Status == exchange.StatusHandled {
				continue
			}
			fresh++
			fmt.Fprintf(e.stdout, "%s: %s\n", printable(it.Name), statusLine(it))
			if it.Status == exchange.StatusReady {
				e.printBundleInfo(it.Info)
				printDeletedNote(e.stdout, it.Info, false)
			}
			if !*yes {
				continue
			}
			switch it.Status {
			case exchange.StatusReady, exchange.StatusReceipt, exchange.StatusDeletions:
			default:
				continue
			}
			res, err := exchange.Receive(e.ctx, v, it, exchange.ReceiveOptions{ConfirmDeletions: true})
			if err != nil {
				return err
			}
			switch res.Outcome {
			case exchange.OutcomeImported:
				r := res.Import
				if r.NoOp {
					fmt.Fprintln(e.stdout, lang.L("cli.bundle.already_imported"))
					break
				}
				fmt.Fprintln(e.stdout, lang.X("cli.bundle.imported", "Imported: {{.New}} new, {{.Updated}} updated, {{.Conflicts}} in conflict, {{.Unchanged}} unchanged; attachments: {{.Attachments}}.",
					map[string]any{"New": r.New, "Updated": r.Updated, "Conflicts": r.Conflicts, "Unchanged": r.Unchanged, "Attachments": r.Attachments}))
				printDeletedResult(e.stdout, r)
			case exchange.OutcomeReceipt:
				fmt.Fprintln(e.stdout, lang.X("cli.exchange.acknowledged", "Acknowledged: {{.Count}} case versions.", map[string]any{"Count": res.Acknowledged}))
			case exchange.OutcomeDeletions:
				fmt.Fprintln(e.stdout, lang.X("cli.exchange.deleted", "Deleted: {{.Deleted}}; kept because changed here since: {{.Kept}}.",
					map[string]any{"Deleted": res.Deleted, "Kept": res.Kept}))
			}
			fmt.Fprintln(e.stdout)
		}
		switch {
		case fresh == 0:
			fmt.Fprintln(e.stdout, lang.L("cli.exchange.inbox_empty"))
		case !*yes:
			fmt.Fprintln(e.stdout, lang.L("cli.exchange.run_yes"))
		}
		return nil
	})
}
