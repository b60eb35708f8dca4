package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"kintrace/cases/vault"
)

func init() {
	register(&command{name: "vault destroy", usage: "[--vault PATH] [--yes]",
		summary: "cli.summary.vault_destroy", run: vaultDestroy})
}

// errNotDestroyed is a destroy that was not confirmed.
var errNotDestroyed = errors.New("cli: destroy not confirmed")

// describeDestroy is describe for the errors of vault destroy.
func describeDestroy(err error) (string, bool) {
	if errors.Is(err, errNotDestroyed) {
		return lang.L("cli.destroy.err.not_confirmed"), true
	}
	return "", false
}

// vaultDestroy is the panic wipe: it needs no passphrase, only a
// confirmation (a word typed on the terminal, or --yes).
func vaultDestroy(e *env, args []string) error {
	flags := e.flags("vault destroy")
	vf := &vaultFlags{}
	flags.StringVar(&vf.path, "vault", "", "")
	yes := flags.Bool("yes", false, "")
	if err := parseNone(flags, args); err != nil {
		return err
	}
	path, err := e.vaultPath(vf)
	if err != nil {
		return err
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return noVaultError{path}
	}
	fmt.Fprintln(e.stderr, lang.X("cli.destroy.warning",
		"This destroys the vault {{.Path}}: its keys are overwritten and its files deleted. Neither the passphrase nor the recovery key can open it afterwards; only a backup bundle brings its cases back.",
		map[string]any{"Path": path}))
	if !*yes {
		if err := e.confirmDestroy(); err != nil {
			return err
		}
	}
	start := time.Now()
	if err := vault.Destroy(path); err != nil {
		return err
	}
	took := time.Since(start)
	fmt.Fprintln(e.stdout, lang.X("cli.destroy.done", "Vault destroyed in {{.Millis}} ms: {{.Path}}",
		map[string]any{"Millis": took.Milliseconds(), "Path": path}))
	return nil
}

// confirmDestroy asks for the confirmation word on the terminal. Without a
// terminal nothing can be typed, so the destroy is refused.
func (e *env) confirmDestroy() error {
	if !e.isTerminal() {
		return errNotDestroyed
	}
	word := lang.L("cli.destroy.word")
	typed, err := e.readLine(lang.X("cli.destroy.prompt", "To destroy it, type {{.Word}}",
		map[string]any{"Word": word}))
	if err != nil {
		return errNotDestroyed
	}
	typed = strings.TrimSpace(typed)
	// The English word always works too: a keyboard may be in another
	// layout than the messages' language.
	if !strings.EqualFold(typed, word) && !strings.EqualFold(typed, "destroy") {
		return errNotDestroyed
	}
	return nil
}
