// Package cli is Kintrace's command line: subcommands of the same binary
// that work on a vault without ever touching the display. Every message a
// person reads goes through Fyne's lang package (en, ru, uk), chosen by the
// system locale.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
)

// command is one subcommand, named by one or two words ("vault init").
type command struct {
	name    string
	usage   string // the arguments after the name, e.g. "ID [--json]"
	summary string // a lang key
	run     func(e *env, args []string) error
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// env is what a command may use: its streams and the process environment.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	// isTerminal reports whether stdin is an interactive terminal.
	isTerminal func() bool
	// readSecret reads a line from the terminal without echo.
	readSecret func(prompt string) ([]byte, error)
	// now is the clock of deadlines and Today; nil: time.Now.
	now func() time.Time
}

// usageError is a mistake in how a command was called.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

// Main runs one command and returns the process exit code: 0 on success, 1
// when the command failed, 2 when it was called wrongly.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	loadTranslations()
	e := &env{ctx: context.Background(), stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv,
		isTerminal: func() bool { return stdinIsTerminal(stdin) },
		readSecret: func(prompt string) ([]byte, error) { return readTerminalSecret(stderr, prompt) }}
	return e.main(args)
}

func (e *env) main(args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		e.printUsage(e.stdout)
		return 0
	}
	if args[0] == "--version" {
		args = append([]string{"version"}, args[1:]...)
	}
	cmd, rest := findCommand(args)
	if cmd == nil {
		fmt.Fprintf(e.stderr, "kintrace: %s\n\n", lang.X("cli.unknown_command", "unknown command {{.Cmd}}", map[string]any{"Cmd": strings.Join(args[:min(2, len(args))], " ")}))
		e.printUsage(e.stderr)
		return 2
	}
	err := cmd.run(e, rest)
	if err == nil {
		return 0
	}
	var ue usageError
	if errors.As(err, &ue) || errors.Is(err, flag.ErrHelp) {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(e.stderr, "kintrace %s: %s\n", cmd.name, ue.msg)
		}
		fmt.Fprintf(e.stderr, "%s: kintrace %s %s\n", lang.L("cli.usage"), cmd.name, cmd.usage)
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	fmt.Fprintf(e.stderr, "kintrace %s: %s\n", cmd.name, describe(err))
	return 1
}

func findCommand(args []string) (*command, []string) {
	if len(args) >= 2 {
		if c, ok := commands[args[0]+" "+args[1]]; ok {
			return c, args[2:]
		}
	}
	if c, ok := commands[args[0]]; ok {
		return c, args[1:]
	}
	return nil, nil
}

func (e *env) printUsage(w io.Writer) {
	fmt.Fprintln(w, lang.L("cli.intro"))
	fmt.Fprintln(w)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := commands[n]
		fmt.Fprintf(w, "  kintrace %s %s\n      %s\n", c.name, c.usage, lang.L(c.summary))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, lang.L("cli.outro"))
}

// flags returns a FlagSet for a command whose errors come back to us
// rather than exiting the process.
func (e *env) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// vaultFlagSet returns a command's flag set with the flags every vault
// command takes (--vault, --passphrase-file).
func (e *env) vaultFlagSet(name string) (*flag.FlagSet, *vaultFlags) {
	fs := e.flags(name)
	vf := &vaultFlags{}
	vf.add(fs)
	return fs, vf
}

// parseNone parses a command that takes no positional arguments.
func parseNone(fs *flag.FlagSet, args []string) error {
	pos, err := parse(fs, args)
	if err == nil && len(pos) > 0 {
		err = usageError{lang.L("cli.err.extra_args")}
	}
	return err
}

// parseOneCase parses a command that names exactly one case.
func parseOneCase(fs *flag.FlagSet, args []string) (string, error) {
	pos, err := parse(fs, args)
	if err == nil && len(pos) != 1 {
		err = usageError{lang.L("cli.err.need_one_case")}
	}
	if err != nil {
		return "", err
	}
	return pos[0], nil
}

// parse parses args, allowing flags after positional arguments
// ("case show KT-1 --json"), and returns the positional ones.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// writeJSON writes v as indented JSON, the --json output of every command.
func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(escapeJSON(b), '\n'))
	return err
}
