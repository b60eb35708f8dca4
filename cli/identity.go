package cli

import (
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"fyne.io/fyne/v2/lang"
	"rsc.io/qr"

	"kintrace/cases/vault"
	"kintrace/crypto"
)

func init() {
	register(&command{name: "identity show", usage: "[--qr FILE.png] [--vault PATH]",
		summary: "cli.summary.identity_show", run: identityShow})
	register(&command{name: "contact add", usage: "NAME \"age1… kts1…\" [--vault PATH]",
		summary: "cli.summary.contact_add", run: contactAdd})
	register(&command{name: "contact list", usage: "[--json] [--vault PATH]",
		summary: "cli.summary.contact_list", run: contactList})
	register(&command{name: "contact verify", usage: "NAME|FINGERPRINT [--fingerprint \"XXXX XXXX …\" | --yes] [--vault PATH]",
		summary: "cli.summary.contact_verify", run: contactVerify})
	register(&command{name: "contact remove", usage: "NAME|FINGERPRINT [--vault PATH]",
		summary: "cli.summary.contact_remove", run: contactRemove})
}

// qrCode encodes a public key's text. Upper case lets the QR code use its
// compact alphanumeric mode; ParsePublicKey reads either case.
func qrCode(key crypto.PublicKey) (*qr.Code, error) {
	return qr.Encode(strings.ToUpper(key.String()), qr.M)
}

func identityShow(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("identity show")
	qrFile := fs.String("qr", "", "")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	return e.withVault(vf, func(v *vault.Vault) error {
		key, err := v.PublicKey(e.ctx)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, lang.L("cli.identity.key"))
		fmt.Fprintln(e.stdout, "  "+key.String())
		fmt.Fprintln(e.stdout)
		fmt.Fprintln(e.stdout, lang.L("cli.identity.fingerprint"))
		fmt.Fprintln(e.stdout, "  "+key.Fingerprint())
		fmt.Fprintln(e.stdout)
		fmt.Fprintln(e.stdout, lang.L("cli.identity.age_only"))
		fmt.Fprintln(e.stdout, "  "+key.Age.String())
		if *qrFile != "" {
			code, err := qrCode(key)
			if err != nil {
				return err
			}
			code.Scale = 8
			if err := os.WriteFile(*qrFile, code.PNG(), 0o644); err != nil {
				return err
			}
			fmt.Fprintln(e.stderr, lang.X("cli.identity.qr_written", "QR code written to {{.File}}", map[string]any{"File": *qrFile}))
		}
		return nil
	})
}

func contactAdd(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("contact add")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return usageError{lang.L("cli.contact.err.need_name_key")}
	}
	key, err := crypto.ParsePublicKey(strings.Join(pos[1:], " "))
	if err != nil {
		return err
	}
	return e.withVault(vf, func(v *vault.Vault) error {
		c, err := v.AddContact(e.ctx, pos[0], key)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, lang.X("cli.contact.added", "Added {{.Name}}. Compare this fingerprint with them in person or on a call, then run \"kintrace contact verify\":",
			map[string]any{"Name": printable(c.Name)}))
		fmt.Fprintln(e.stdout, "  "+c.Fingerprint())
		return nil
	})
}

func contactList(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("contact list")
	asJSON := fs.Bool("json", false, "")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	v, err := e.openUnlocked(vf)
	if err != nil {
		return err
	}
	defer v.Close()
	list, err := v.Contacts(e.ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		type row struct {
			Name        string    `json:"name"`
			Key         string    `json:"key"`
			Fingerprint string    `json:"fingerprint"`
			Verified    bool      `json:"verified"`
			AddedAt     time.Time `json:"added_at"`
		}
		out := make([]row, 0, len(list))
		for _, c := range list {
			out = append(out, row{c.Name, c.Key.String(), c.Fingerprint(), c.Verified, c.AddedAt})
		}
		return writeJSON(e.stdout, out)
	}
	if len(list) == 0 {
		fmt.Fprintln(e.stderr, lang.L("cli.contact.none"))
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t%s\t%s\n", lang.L("cli.contact.col.name"), lang.L("cli.contact.col.fingerprint"), lang.L("cli.contact.col.verified"))
	for _, c := range list {
		mark := lang.L("cli.contact.no")
		if c.Verified {
			mark = lang.L("cli.contact.yes")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", printable(c.Name), c.Fingerprint(), mark)
	}
	return tw.Flush()
}

func contactVerify(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("contact verify")
	fp := fs.String("fingerprint", "", "")
	yes := fs.Bool("yes", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usageError{lang.L("cli.contact.err.need_name")}
	}
	return e.withVault(vf, func(v *vault.Vault) error {
		c, err := v.FindContact(e.ctx, strings.Join(pos, " "))
		if err != nil {
			return err
		}
		switch {
		case *fp != "":
			if crypto.NormalizeFingerprint(*fp) != c.Fingerprint() {
				return errFingerprintMismatch
			}
		case *yes:
		default:
			fmt.Fprintln(e.stderr, lang.X("cli.contact.compare", "Fingerprint of {{.Name}}:", map[string]any{"Name": printable(c.Name)}))
			fmt.Fprintln(e.stderr, "  "+c.Fingerprint())
			ok, err := e.confirm(lang.L("cli.contact.confirm_same"))
			if err != nil {
				return err
			}
			if !ok {
				return errNotConfirmed
			}
		}
		if _, err := v.SetContactVerified(e.ctx, c.Fingerprint(), true); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, lang.X("cli.contact.verified", "{{.Name}} is now marked as verified.", map[string]any{"Name": printable(c.Name)}))
		return nil
	})
}

func contactRemove(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("contact remove")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usageError{lang.L("cli.contact.err.need_name")}
	}
	return e.withVault(vf, func(v *vault.Vault) error {
		if err := v.RemoveContact(e.ctx, strings.Join(pos, " ")); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, lang.L("cli.contact.removed"))
		return nil
	})
}

// findContactArg is a contact by name or fingerprint, or a key given as
// text ("age1… kts1…", or a bare "age1…" recipient for someone who uses
// the age tool).
func findContactArg(e *env, v *vault.Vault, arg string) (crypto.PublicKey, error) {
	if k, err := crypto.ParsePublicKey(arg); err == nil {
		return k, nil
	}
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(arg)), "age1") {
		return crypto.ParseAgeRecipient(arg)
	}
	c, err := v.FindContact(e.ctx, arg)
	if err != nil {
		return crypto.PublicKey{}, fmt.Errorf("recipient %w", err)
	}
	return c.Key, nil
}
