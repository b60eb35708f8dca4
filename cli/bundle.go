package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"fyne.io/fyne/v2/lang"

	"kintrace/cases"
	"kintrace/cases/bundle"
	"kintrace/cases/search"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

func init() {
	register(&command{name: "bundle export",
		usage:   "--to NAME|KEY... | --passphrase [--cases IDs|--query Q|--all] [--redact full|no-reporter-identity|public-consent-only] [--attachments] --out FILE [--vault PATH]",
		summary: "cli.summary.bundle_export", run: bundleExport})
	register(&command{name: "bundle inspect", usage: "FILE [--trust FINGERPRINT] [--vault PATH]",
		summary: "cli.summary.bundle_inspect", run: bundleInspect})
	register(&command{name: "bundle import", usage: "FILE [--yes] [--trust FINGERPRINT] [--save-sender-as NAME] [--restore-deleted] [--vault PATH]",
		summary: "cli.summary.bundle_import", run: bundleImport})
}

var (
	errFingerprintMismatch = errors.New("cli: fingerprints differ")
	errNotConfirmed        = errors.New("cli: not confirmed")
	errNeedTrust           = errors.New("cli: unknown sender needs --trust")
)

// describeBundle is describe for the errors of bundles, identities and
// contacts; ok is false for other errors.
func describeBundle(err error) (msg string, ok bool) {
	var large *bundle.UntrustedSenderError
	switch {
	case errors.Is(err, errFingerprintMismatch):
		return lang.L("cli.bundle.err.fingerprint_mismatch"), true
	case errors.Is(err, errNotConfirmed):
		return lang.L("cli.bundle.err.not_confirmed"), true
	case errors.As(err, &large):
		return lang.X("cli.bundle.err.untrusted_large", "this bundle is large and its sender is not among your contacts, so it was not read. Compare this fingerprint with the sender: {{.Fingerprint}}; then run again with --trust FINGERPRINT",
			map[string]any{"Fingerprint": large.Fingerprint}), true
	case errors.Is(err, errNeedTrust), errors.Is(err, bundle.ErrUntrustedSender):
		return lang.L("cli.bundle.err.untrusted"), true
	case errors.Is(err, bundle.ErrNotBundle):
		return lang.L("cli.bundle.err.not_bundle"), true
	case errors.Is(err, bundle.ErrNotRecipient):
		return lang.L("cli.bundle.err.not_recipient"), true
	case errors.Is(err, bundle.ErrRecipientMismatch):
		return lang.L("cli.bundle.err.recipient_mismatch"), true
	case errors.Is(err, bundle.ErrBadSignature):
		return lang.L("cli.bundle.err.bad_signature"), true
	case errors.Is(err, bundle.ErrNeedPassphrase):
		return lang.L("cli.bundle.err.need_passphrase"), true
	case errors.Is(err, crypto.ErrBadKey):
		return lang.L("cli.bundle.err.bad_key"), true
	case errors.Is(err, bundle.ErrNumberTaken):
		return lang.L("cli.bundle.err.number_taken"), true
	case errors.Is(err, vault.ErrSelfContact):
		return lang.L("cli.bundle.err.self_contact"), true
	case errors.Is(err, bundle.ErrNoCases):
		return lang.L("cli.bundle.err.no_cases"), true
	case errors.Is(err, crypto.ErrUnsupported) && strings.Contains(err.Error(), "bundle"):
		return lang.L("cli.bundle.err.newer"), true
	case errors.Is(err, crypto.ErrCorrupt) && strings.Contains(err.Error(), "bundle"):
		return lang.L("cli.bundle.err.corrupt"), true
	case errors.Is(err, vault.ErrExists) && strings.Contains(err.Error(), "contact"):
		return lang.L("cli.bundle.err.contact_exists"), true
	case errors.Is(err, vault.ErrNotFound) && strings.Contains(err.Error(), "contact"):
		return lang.L("cli.bundle.err.no_contact"), true
	}
	return "", false
}

// confirm asks a yes/no question on the terminal; without one it is no.
func (e *env) confirm(question string) (bool, error) {
	if !e.isTerminal() {
		return false, errNotConfirmed
	}
	fmt.Fprintf(e.stderr, "%s [y/N] ", question)
	line, err := readRawLine(e.stdin)
	if err != nil {
		return false, err
	}
	a := strings.ToLower(strings.TrimSpace(line))
	return a == "y" || a == "yes" || a == "д" || a == "да" || a == "т" || a == "так", nil
}

// listFlag collects a repeated flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// bundlePassphrase is the passphrase of a bundle being opened: from
// KINTRACE_BUNDLE_PASSPHRASE, else asked on the terminal.
func (e *env) bundlePassphrase() ([]byte, error) {
	if p := e.getenv("KINTRACE_BUNDLE_PASSPHRASE"); p != "" {
		return []byte(p), nil
	}
	if !e.isTerminal() {
		return nil, bundle.ErrNeedPassphrase
	}
	return e.readSecret(lang.L("cli.prompt.bundle_passphrase"))
}

func bundleExport(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("bundle export")
	var to listFlag
	fs.Var(&to, "to", "")
	usePass := fs.Bool("passphrase", false, "")
	caseList := fs.String("cases", "", "")
	query := fs.String("query", "", "")
	all := fs.Bool("all", false, "")
	redact := fs.String("redact", string(cases.RedactNone), "")
	attachments := fs.Bool("attachments", false, "")
	out := fs.String("out", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	// --to takes several values: "--to anna boris" as well as
	// "--to anna --to boris".
	to = append(to, pos...)
	selections := 0
	for _, set := range []bool{*caseList != "", *query != "", *all} {
		if set {
			selections++
		}
	}
	switch {
	case *out == "":
		return usageError{lang.L("cli.bundle.err.need_out")}
	case (len(to) > 0) == *usePass:
		return usageError{lang.L("cli.bundle.err.need_to_or_passphrase")}
	case selections != 1:
		return usageError{lang.L("cli.bundle.err.need_selection")}
	}
	red, err := cases.ParseRedaction(*redact)
	if err != nil {
		return usageError{lang.L("cli.bundle.err.bad_redact")}
	}
	return e.withVault(vf, func(v *vault.Vault) error {
		opt := bundle.ExportOptions{Redaction: red, Attachments: *attachments}
		switch {
		case *caseList != "":
			for _, id := range strings.Split(*caseList, ",") {
				if id = strings.TrimSpace(id); id != "" {
					opt.CaseIDs = append(opt.CaseIDs, id)
				}
			}
		default:
			for _, o := range v.Search(search.Query{Text: *query}) {
				opt.CaseIDs = append(opt.CaseIDs, o.ID)
			}
		}
		for _, t := range to {
			k, err := findContactArg(e, v, t)
			if err != nil {
				return err
			}
			opt.Recipients = append(opt.Recipients, k)
		}
		if err := e.warnUnverified(v, opt.Recipients); err != nil {
			return err
		}
		var generated string
		if *usePass {
			if p := e.getenv("KINTRACE_BUNDLE_PASSPHRASE"); p != "" {
				opt.Passphrase = []byte(p)
			} else {
				if generated, err = bundle.NewPassphrase(); err != nil {
					return err
				}
				opt.Passphrase = []byte(generated)
			}
		}
		if e.isTerminal() {
			last := time.Now()
			opt.Progress = func(done, total int64) {
				if time.Since(last) > 500*time.Millisecond {
					last = time.Now()
					fmt.Fprintf(e.stderr, "\r%d / %d MB", done>>20, total>>20)
				}
			}
		}
		res, err := bundle.Export(e.ctx, v, *out, opt)
		if opt.Progress != nil {
			fmt.Fprint(e.stderr, "\r\033[K")
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, lang.X("cli.bundle.exported", "Wrote {{.File}}. Cases: {{.Cases}}, versions: {{.Versions}}, attachments: {{.Attachments}}.",
			map[string]any{"File": *out, "Cases": res.Cases, "Versions": res.Versions, "Attachments": res.Attachments}))
		if generated != "" {
			fmt.Fprintln(e.stdout, lang.L("cli.bundle.passphrase_intro"))
			fmt.Fprintln(e.stdout, "    "+generated)
		}
		return nil
	})
}

// warnUnverified says on stderr which recipients' keys the user has not
// verified: contacts not marked verified, and keys given as they are that
// belong to no verified contact. A key swapped on its way to the user would
// let someone else read the bundle.
func (e *env) warnUnverified(v *vault.Vault, keys []crypto.PublicKey) error {
	contacts, err := v.Contacts(e.ctx)
	if err != nil {
		return err
	}
	var names []string
	for _, k := range keys {
		fp := k.Fingerprint()
		name, verified := fp, false
		for _, c := range contacts {
			if c.Key.Fingerprint() == fp {
				name, verified = printable(c.Name), c.Verified
				break
			}
		}
		if !verified {
			names = append(names, name)
		}
	}
	if len(names) > 0 {
		fmt.Fprintln(e.stderr, lang.X("cli.bundle.warn_unverified_recipients",
			"Warning: not verified: {{.Names}}. Compare fingerprints with them (kintrace contact verify) before you send this bundle: whoever swapped a key could read it.",
			map[string]any{"Names": strings.Join(names, ", ")}))
	}
	return nil
}

// openBundle inspects a bundle, asking for its passphrase when it has one.
// trust is the fingerprint given with --trust: a large bundle from a sender
// who is not a contact is read only when it matches
// (bundle.MaxUntrustedJSON).
func (e *env) openBundle(v *vault.Vault, file, trust string) (*bundle.Info, []byte, error) {
	info, err := bundle.Inspect(e.ctx, v, file, bundle.ImportOptions{Trust: trust})
	if !errors.Is(err, bundle.ErrNeedPassphrase) {
		return info, nil, err
	}
	pass, err := e.bundlePassphrase()
	if err != nil {
		return nil, nil, err
	}
	info, err = bundle.Inspect(e.ctx, v, file, bundle.ImportOptions{Passphrase: pass, Trust: trust})
	return info, pass, err
}

func bundleInspect(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("bundle inspect")
	trust := fs.String("trust", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{lang.L("cli.bundle.err.need_file")}
	}
	return e.withVault(vf, func(v *vault.Vault) error {
		info, pass, err := e.openBundle(v, pos[0], *trust)
		crypto.Wipe(pass)
		if err != nil {
			return err
		}
		e.printBundleInfo(info)
		printDeletedNote(e.stdout, info, false)
		return nil
	})
}

func senderLine(info *bundle.Info) string {
	switch info.SenderStatus {
	case bundle.SenderSelf:
		return lang.L("cli.bundle.sender_self")
	case bundle.SenderContact:
		if info.SenderVerified {
			return lang.X("cli.bundle.sender_verified", "{{.Name}} (verified contact)", map[string]any{"Name": printable(info.SenderName)})
		}
		return lang.X("cli.bundle.sender_contact", "{{.Name}} (contact, fingerprint not yet verified)", map[string]any{"Name": printable(info.SenderName)})
	}
	return lang.L("cli.bundle.sender_unknown")
}

func (e *env) printBundleInfo(info *bundle.Info) {
	w := e.stdout
	fmt.Fprintf(w, "%s %s\n", lang.L("cli.bundle.label.sender"), senderLine(info))
	fmt.Fprintf(w, "%s %s\n", lang.L("cli.bundle.label.fingerprint"), info.Fingerprint)
	fmt.Fprintf(w, "%s %s\n", lang.L("cli.bundle.label.created"), info.Created.Local().Format(time.DateTime))
	fmt.Fprintf(w, "%s %d\n", lang.L("cli.bundle.label.sequence"), info.Sequence)
	fmt.Fprintf(w, "%s %s\n", lang.L("cli.bundle.label.redaction"), lang.L("cli.bundle.redact."+string(info.Redaction)))
	if info.Passphrase {
		fmt.Fprintf(w, "%s %s\n", lang.L("cli.bundle.label.for"), lang.L("cli.bundle.for_passphrase"))
	} else {
		var names []string
		for _, r := range info.Recipients {
			switch {
			case r.Self:
				names = append(names, lang.L("cli.bundle.you"))
			case r.Name != "":
				names = append(names, printable(r.Name))
			default:
				names = append(names, r.Key[:12]+"…")
			}
		}
		fmt.Fprintf(w, "%s %s\n", lang.L("cli.bundle.label.for"), strings.Join(names, ", "))
	}
	fmt.Fprintf(w, "%s %d (%d MB)\n", lang.L("cli.bundle.label.attachments"), info.Attachments, info.AttachmentBytes>>20)
	if info.AlreadyImported {
		fmt.Fprintln(w, lang.L("cli.bundle.already_imported"))
	}
	if info.OlderSequence {
		fmt.Fprintln(w, lang.X("cli.bundle.older_sequence", "Warning: this sender has since sent a newer bundle (number {{.Last}}); this one is older.",
			map[string]any{"Last": info.LastSequence}))
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", lang.L("cli.col.number"), lang.L("cli.col.name"), lang.L("cli.bundle.col.versions"), lang.L("cli.bundle.col.plan"))
	for _, c := range info.Cases {
		vers := fmt.Sprint(c.Version)
		if c.LocalVersion > 0 {
			vers = fmt.Sprintf("%d → %d", c.LocalVersion, c.Version)
		}
		plan := lang.L("cli.bundle.plan." + string(c.Action))
		if c.NumberTaken {
			plan = lang.L("cli.bundle.plan.number_taken")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", printable(c.Number), printable(c.Name), vers, plan)
	}
	tw.Flush()
	fmt.Fprintln(w)
	fmt.Fprintln(w, lang.X("cli.bundle.summary", "{{.New}} new, {{.Update}} updated, {{.Conflict}} in conflict, {{.Same}} already here, {{.Older}} older (ignored)",
		map[string]any{"New": info.Count(bundle.PlanNew), "Update": info.Count(bundle.PlanUpdate), "Conflict": info.Count(bundle.PlanConflict),
			"Same": info.Count(bundle.PlanSame), "Older": info.Count(bundle.PlanOlder)}))
}

func bundleImport(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("bundle import")
	yes := fs.Bool("yes", false, "")
	trust := fs.String("trust", "", "")
	saveAs := fs.String("save-sender-as", "", "")
	restore := fs.Bool("restore-deleted", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{lang.L("cli.bundle.err.need_file")}
	}
	return e.withVault(vf, func(v *vault.Vault) error {
		info, pass, err := e.openBundle(v, pos[0], *trust)
		defer crypto.Wipe(pass)
		if err != nil {
			return err
		}
		e.printBundleInfo(info)
		printDeletedNote(e.stdout, info, *restore)
		fmt.Fprintln(e.stdout)
		if info.AlreadyImported {
			return nil
		}
		if info.SenderStatus == bundle.SenderUnknown {
			switch {
			case *trust != "":
				if crypto.NormalizeFingerprint(*trust) != info.Fingerprint {
					return errFingerprintMismatch
				}
			case !e.isTerminal():
				return errNeedTrust
			default:
				fmt.Fprintln(e.stderr, lang.L("cli.bundle.trust_intro"))
				fmt.Fprintln(e.stderr, "  "+info.Fingerprint)
				typed, err := e.readLine(lang.L("cli.bundle.trust_prompt"))
				if err != nil {
					return err
				}
				if crypto.NormalizeFingerprint(typed) != info.Fingerprint {
					return errFingerprintMismatch
				}
			}
			*trust = info.Fingerprint
		}
		if info.SenderStatus == bundle.SenderContact && !info.SenderVerified {
			fmt.Fprintln(e.stderr, lang.X("cli.bundle.warn_unverified_sender",
				"Warning: you have not verified the fingerprint of {{.Name}}; compare it with them (kintrace contact verify) before you trust these cases.",
				map[string]any{"Name": printable(info.SenderName)}))
		}
		if !*yes {
			ok, err := e.confirm(lang.L("cli.bundle.confirm_import"))
			if err != nil {
				return err
			}
			if !ok {
				return errNotConfirmed
			}
		}
		res, err := bundle.Import(e.ctx, v, pos[0], bundle.ImportOptions{Passphrase: pass, Trust: *trust, SaveSenderAs: *saveAs, RestoreDeleted: *restore})
		if err != nil {
			return err
		}
		if res.NoOp {
			fmt.Fprintln(e.stdout, lang.L("cli.bundle.already_imported"))
			return nil
		}
		fmt.Fprintln(e.stdout, lang.X("cli.bundle.imported", "Imported: {{.New}} new, {{.Updated}} updated, {{.Conflicts}} in conflict, {{.Unchanged}} unchanged; attachments: {{.Attachments}}.",
			map[string]any{"New": res.New, "Updated": res.Updated, "Conflicts": res.Conflicts, "Unchanged": res.Unchanged, "Attachments": res.Attachments}))
		printDeletedResult(e.stdout, res)
		if res.Conflicts > 0 {
			fmt.Fprintln(e.stdout, lang.L("cli.bundle.conflicts_hint"))
		}
		return nil
	})
}

// readLine reads one line typed on the terminal.
func (e *env) readLine(prompt string) (string, error) {
	fmt.Fprintf(e.stderr, "%s: ", prompt)
	return readRawLine(e.stdin)
}

// readRawLine reads up to a newline one byte at a time, so that two
// questions in a row do not lose typed-ahead answers to a buffer.
func readRawLine(r io.Reader) (string, error) {
	var line []byte
	var b [1]byte
	for len(line) < 1024 {
		n, err := r.Read(b[:])
		if n == 1 {
			if b[0] == '\n' {
				break
			}
			line = append(line, b[0])
		}
		if err != nil {
			if len(line) == 0 {
				return "", err
			}
			break
		}
	}
	return string(bytes.TrimSpace(line)), nil
}
