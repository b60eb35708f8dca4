package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"kintrace/cases"
	"kintrace/cases/letter"
	"kintrace/cases/vault"
)

func init() {
	register(&command{name: "letter",
		usage:   "ID|NUMBER --to KIND [--lang ru|uk|en] [--authority NAME] [--ask TEXT] [--place TEXT] [--redact full|no-reporter-identity|public-consent-only] [--template FILE] --out FILE.pdf|.odt|.txt|- [--vault PATH]",
		summary: "cli.summary.letter", run: letterCmd})
	register(&command{name: "letter template",
		usage:   "KIND [--lang ru|uk|en] [--set FILE|-] [--reset] [--vault PATH]",
		summary: "cli.summary.letter_template", run: letterTemplate})
}

// describeLetter words the errors of the letter commands; describe calls
// it first.
func describeLetter(err error) (string, bool) {
	var te *letter.TemplateError
	switch {
	case errors.As(err, &te):
		if te.Line > 0 {
			return lang.X("cli.letter.err.template_line", "the template has an error on line {{.Line}}: {{.Detail}}",
				map[string]any{"Line": te.Line, "Detail": te.Detail}), true
		}
		return lang.X("cli.letter.err.template", "the template has an error: {{.Detail}}", map[string]any{"Detail": te.Detail}), true
	case errors.Is(err, letter.ErrTooLong), errors.Is(err, vault.ErrTemplateTooLong):
		return lang.L("cli.letter.err.too_long"), true
	}
	return "", false
}

// kindList names the kinds as `request add --to` takes them (with
// hyphens; letter.ParseKind takes underscores too).
func kindList() string {
	names := make([]string, len(letter.Kinds))
	for i, k := range letter.Kinds {
		names[i] = strings.ReplaceAll(string(k), "_", "-")
	}
	return strings.Join(names, ", ")
}

// letterKindLang reads --to (or the positional KIND) and --lang; without
// --lang the letter is in the language of the environment.
func (e *env) letterKindLang(kind, lng string) (letter.Kind, letter.Lang, error) {
	k, err := letter.ParseKind(kind)
	if err != nil {
		return "", "", usageError{lang.X("cli.letter.err.kind", "unknown authority kind; the kinds are: {{.Kinds}}",
			map[string]any{"Kinds": kindList()})}
	}
	if lng == "" {
		lng = string(e.environmentLang())
	}
	l, err := letter.ParseLang(lng)
	if err != nil {
		return "", "", usageError{lang.L("cli.report.err.lang")}
	}
	return k, l, nil
}

// letterTemplateOf is the template a letter is rendered with: the file
// given, else the user's template in the vault, else nil (the default).
func (e *env) letterTemplateOf(v *vault.Vault, file string, k letter.Kind, l letter.Lang) (*letter.Template, error) {
	var src []byte
	if file != "" {
		b, err := e.readInput(file)
		if err != nil {
			return nil, err
		}
		src = b
	} else {
		b, err := v.Template(e.ctx, string(k), string(l))
		if errors.Is(err, vault.ErrNotFound) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		src = b
	}
	return letter.Parse(src)
}

func letterCmd(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("letter")
	to := fs.String("to", "", "")
	lng := fs.String("lang", "", "")
	authority := fs.String("authority", "", "")
	ask := fs.String("ask", "", "")
	place := fs.String("place", "", "")
	redact := fs.String("redact", "", "")
	tmpl := fs.String("template", "", "")
	out := fs.String("out", "", "")
	id, err := parseOneCase(fs, args)
	if err != nil {
		return err
	}
	if *to == "" {
		return usageError{lang.X("cli.letter.err.need_to", "name the authority kind with --to; the kinds are: {{.Kinds}}",
			map[string]any{"Kinds": kindList()})}
	}
	k, l, err := e.letterKindLang(*to, *lng)
	if err != nil {
		return err
	}
	if *out == "" {
		return usageError{lang.L("cli.report.err.need_out")}
	}
	format := letter.Text
	if *out != "-" {
		if format, err = letter.FormatOf(*out); err != nil {
			return usageError{lang.L("cli.letter.err.format")}
		}
	}
	var profile cases.Redaction
	if *redact != "" {
		if profile, err = cases.ParseRedaction(*redact); err != nil {
			return usageError{lang.L("cli.report.err.profile")}
		}
	}
	return e.withCaseID(vf, id, func(v *vault.Vault, c cases.Case) error {
		tpl, err := e.letterTemplateOf(v, *tmpl, k, l)
		if err != nil {
			return err
		}
		in := letter.FromCase(&c, letter.Options{Kind: k, Lang: l, Authority: *authority, Ask: *ask,
			Place: *place, Profile: profile, Now: time.Now()})
		lt, err := letter.Render(in, tpl)
		if err != nil {
			return err
		}
		// Laid out in memory first, so that a failure leaves no file.
		var buf bytes.Buffer
		if err := lt.Write(&buf, format); err != nil {
			return err
		}
		return e.writeOut(*out, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err })
	})
}

// letterTemplate prints the template letters of a kind and language are
// rendered with (the user's, else the default), saves a new one (--set,
// checked first) or goes back to the default (--reset).
func letterTemplate(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("letter template")
	lng := fs.String("lang", "", "")
	set := fs.String("set", "", "")
	reset := fs.Bool("reset", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{lang.X("cli.letter.err.need_kind", "name one authority kind; the kinds are: {{.Kinds}}",
			map[string]any{"Kinds": kindList()})}
	}
	if *set != "" && *reset {
		return usageError{lang.L("cli.letter.err.set_reset")}
	}
	k, l, err := e.letterKindLang(pos[0], *lng)
	if err != nil {
		return err
	}
	var src []byte
	if *set != "" {
		if src, err = e.readInput(*set); err != nil {
			return err
		}
		if _, err := letter.Parse(src); err != nil {
			return err
		}
	}
	return e.withVault(vf, func(v *vault.Vault) error {
		switch {
		case *reset:
			if err := v.SetTemplate(e.ctx, string(k), string(l), nil); err != nil {
				return err
			}
			fmt.Fprintln(e.stderr, lang.L("cli.letter.template_reset"))
			return nil
		case *set != "":
			if err := v.SetTemplate(e.ctx, string(k), string(l), src); err != nil {
				return err
			}
			fmt.Fprintln(e.stderr, lang.L("cli.letter.template_saved"))
			return nil
		}
		b, err := v.Template(e.ctx, string(k), string(l))
		if errors.Is(err, vault.ErrNotFound) {
			b, err = letter.Default(k, l)
		}
		if err != nil {
			return err
		}
		_, err = e.stdout.Write(b)
		return err
	})
}
