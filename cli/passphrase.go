package cli

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"fyne.io/fyne/v2/lang"
	"golang.org/x/term"

	"kintrace/cases"
	"kintrace/cases/passphrase"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

// errNoPassphrase is returned when no passphrase source is available.
var errNoPassphrase = errors.New("cli: no passphrase")

// vaultFlags are the flags every vault command takes.
type vaultFlags struct {
	path           string
	passphraseFile string
}

func (vf *vaultFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&vf.path, "vault", "", "")
	fs.StringVar(&vf.passphraseFile, "passphrase-file", "", "")
}

// vaultPath is --vault, else KINTRACE_VAULT, else the default path.
func (e *env) vaultPath(vf *vaultFlags) (string, error) {
	if vf.path != "" {
		return vf.path, nil
	}
	if p := e.getenv("KINTRACE_VAULT"); p != "" {
		return p, nil
	}
	return vault.DefaultPath()
}

// passphrase comes from --passphrase-file, else KINTRACE_PASSPHRASE (a
// scripting convenience: the environment of a process can be read by other
// processes of the same user), else a prompt on the terminal.
func (e *env) passphrase(vf *vaultFlags, prompt string) ([]byte, error) {
	if vf.passphraseFile != "" {
		b, err := os.ReadFile(vf.passphraseFile)
		if err != nil {
			return nil, fmt.Errorf("passphrase file: %w", err)
		}
		b = bytes.TrimRight(b, "\r\n")
		if len(b) == 0 {
			return nil, errNoPassphrase
		}
		return b, nil
	}
	if p := e.getenv("KINTRACE_PASSPHRASE"); p != "" {
		return []byte(p), nil
	}
	if !e.isTerminal() {
		return nil, errNoPassphrase
	}
	b, err := e.readSecret(prompt)
	if err != nil {
		return nil, err
	}
	if len(b) == 0 {
		return nil, errNoPassphrase
	}
	return b, nil
}

// newPassphrase asks for a new passphrase twice on a terminal, or takes it
// from a file or the environment variable named, and refuses one that is
// too weak by the rule the GUI applies (passphrase.Accept).
func (e *env) newPassphrase(file, envVar string) ([]byte, error) {
	p, err := e.readNewPassphrase(file, envVar)
	if err != nil {
		return nil, err
	}
	if err := passphrase.Accept(p); err != nil {
		crypto.Wipe(p)
		return nil, err
	}
	return p, nil
}

func (e *env) readNewPassphrase(file, envVar string) ([]byte, error) {
	if file != "" || e.getenv(envVar) != "" {
		if file != "" {
			b, err := os.ReadFile(file)
			if err != nil {
				return nil, fmt.Errorf("passphrase file: %w", err)
			}
			b = bytes.TrimRight(b, "\r\n")
			if len(b) == 0 {
				return nil, errNoPassphrase
			}
			return b, nil
		}
		return []byte(e.getenv(envVar)), nil
	}
	if !e.isTerminal() {
		return nil, errNoPassphrase
	}
	a, err := e.readSecret(lang.L("cli.prompt.new_passphrase"))
	if err != nil {
		return nil, err
	}
	b, err := e.readSecret(lang.L("cli.prompt.repeat_passphrase"))
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(a, b) {
		crypto.Wipe(a)
		crypto.Wipe(b)
		return nil, errPassphraseMismatch
	}
	crypto.Wipe(b)
	if len(a) == 0 {
		return nil, errNoPassphrase
	}
	return a, nil
}

var errPassphraseMismatch = errors.New("cli: passphrases differ")

// openUnlocked opens the vault named by the flags and unlocks it.
func (e *env) openUnlocked(vf *vaultFlags) (*vault.Vault, error) {
	path, err := e.vaultPath(vf)
	if err != nil {
		return nil, err
	}
	v, err := vault.Open(path)
	if errors.Is(err, vault.ErrNotFound) {
		return nil, noVaultError{path}
	}
	if err != nil {
		return nil, err
	}
	pass, err := e.passphrase(vf, lang.L("cli.prompt.passphrase"))
	if err != nil {
		v.Close()
		return nil, err
	}
	defer crypto.Wipe(pass)
	if err := v.Unlock(e.ctx, pass, nil); err != nil {
		v.Close()
		return nil, err
	}
	return v, nil
}

func stdinIsTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// readTerminalSecret prompts on w and reads a line from the controlling
// terminal without echo.
func readTerminalSecret(w io.Writer, prompt string) ([]byte, error) {
	fmt.Fprint(w, prompt+": ")
	defer fmt.Fprintln(w)
	fd := int(os.Stdin.Fd())
	if term.IsTerminal(fd) {
		return term.ReadPassword(fd)
	}
	line, err := bufio.NewReader(os.Stdin).ReadBytes('\n')
	if err != nil && len(line) == 0 {
		return nil, err
	}
	return bytes.TrimRight(line, "\r\n"), nil
}

// noVaultError reports that there is no vault file at the path.
type noVaultError struct{ path string }

func (n noVaultError) Error() string { return "cli: no vault at " + n.path }

// withVault opens and unlocks the vault of vf, runs fn with it and closes
// it: the frame of every command that reads or writes the vault.
func (e *env) withVault(vf *vaultFlags, fn func(v *vault.Vault) error) error {
	v, err := e.openUnlocked(vf)
	if err != nil {
		return err
	}
	defer v.Close()
	return fn(v)
}

// withCase is withVault for a command about one case (ID|NUMBER, the one
// argument beside the flags of fs): it parses args, reads the case and runs
// fn with the vault and the case.
func (e *env) withCase(fs *flag.FlagSet, vf *vaultFlags, args []string, fn func(v *vault.Vault, c cases.Case) error) error {
	id, err := parseOneCase(fs, args)
	if err != nil {
		return err
	}
	return e.withCaseID(vf, id, fn)
}

// withCaseID is withCase for a case reference already parsed.
func (e *env) withCaseID(vf *vaultFlags, id string, fn func(v *vault.Vault, c cases.Case) error) error {
	return e.withVault(vf, func(v *vault.Vault) error {
		c, err := v.Get(e.ctx, id)
		if err != nil {
			return err
		}
		return fn(v, c)
	})
}

// addCases adds cs to the vault of vf and prints each new case's id and
// number, one case a line; it returns how many it added.
func (e *env) addCases(vf *vaultFlags, cs []cases.Case) (int, error) {
	var n int
	err := e.withVault(vf, func(v *vault.Vault) error {
		added, err := v.AddAll(e.ctx, cs)
		if err != nil {
			return err
		}
		for _, c := range added {
			fmt.Fprintf(e.stdout, "%s\t%s\n", c.ID, printable(c.Number))
		}
		n = len(added)
		return nil
	})
	return n, err
}
