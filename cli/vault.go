package cli

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2/lang"

	"kintrace/cases/vault"
	"kintrace/crypto"
)

func init() {
	register(&command{name: "vault init", usage: "[--vault PATH] [--owner NAME] [--passphrase-file F]",
		summary: "cli.summary.vault_init", run: vaultInit})
	register(&command{name: "vault info", usage: "[--vault PATH]",
		summary: "cli.summary.vault_info", run: vaultInfo})
	register(&command{name: "vault passwd", usage: "[--vault PATH] [--passphrase-file F] [--new-passphrase-file F]",
		summary: "cli.summary.vault_passwd", run: vaultPasswd})
}

func vaultInit(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("vault init")
	owner := fs.String("owner", "", "")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	path, err := e.vaultPath(vf)
	if err != nil {
		return err
	}
	pass, err := e.newPassphrase(vf.passphraseFile, "KINTRACE_PASSPHRASE")
	if err != nil {
		return err
	}
	defer crypto.Wipe(pass)
	fmt.Fprintln(e.stderr, lang.L("cli.vault.creating"))
	v, recovery, err := vault.Create(path, pass, vault.CreateOptions{Owner: *owner})
	if err != nil {
		return err
	}
	defer v.Close()
	fmt.Fprintln(e.stdout, lang.X("cli.vault.created", "Created vault {{.Path}}", map[string]any{"Path": path}))
	fmt.Fprintln(e.stdout)
	fmt.Fprintln(e.stdout, lang.L("cli.vault.recovery_intro"))
	fmt.Fprintln(e.stdout)
	fmt.Fprintln(e.stdout, "    "+recovery)
	fmt.Fprintln(e.stdout)
	return nil
}

func vaultInfo(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("vault info")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	// Only the id can be read from a locked vault: the rest is sealed.
	return e.withVault(vf, func(v *vault.Vault) error {
		info := v.Info()
		rows := [][2]string{
			{lang.L("cli.info.path"), info.Path},
			{lang.L("cli.info.id"), info.ID},
			{lang.L("cli.info.prefix"), "KT-" + info.Prefix},
			{lang.L("cli.info.created"), info.CreatedAt.Local().Format(time.DateTime)},
			{lang.L("cli.info.last_saved"), info.LastSaved.Local().Format(time.DateTime)},
			{lang.L("cli.info.saves"), fmt.Sprint(info.Saves)},
			{lang.L("cli.info.cases"), fmt.Sprint(info.Cases)},
		}
		for _, r := range rows {
			fmt.Fprintf(e.stdout, "%-14s %s\n", r[0]+":", r[1])
		}
		return nil
	})
}

func vaultPasswd(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("vault passwd")
	newFile := fs.String("new-passphrase-file", "", "")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	return e.withVault(vf, func(v *vault.Vault) error {
		pass, err := e.newPassphrase(*newFile, "KINTRACE_NEW_PASSPHRASE")
		if err != nil {
			return err
		}
		defer crypto.Wipe(pass)
		if err := v.ChangePassphrase(pass); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, lang.L("cli.vault.passwd_done"))
		return nil
	})
}
