package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"fyne.io/fyne/v2/lang"

	"kintrace/cases"
	"kintrace/cases/pfif"
	"kintrace/cases/report"
	"kintrace/cases/search"
	"kintrace/cases/vault"
)

func init() {
	register(&command{name: "report pdf", usage: "ID|NUMBER... --out FILE|- [--redact full|no-reporters|public] [--lang en|ru|uk] [--vault PATH]",
		summary: "cli.summary.report_pdf", run: reportPDF})
	register(&command{name: "report summary", usage: "ID|NUMBER [--pdf FILE] [--redact PROFILE] [--lang en|ru|uk] [--vault PATH]",
		summary: "cli.summary.report_summary", run: reportSummary})
	register(&command{name: "export csv", usage: "[--query Q] [--status S] [--columns C,C,...] [--lang en|ru|uk] --out FILE|- [--vault PATH]",
		summary: "cli.summary.export_csv", run: exportCSV})
	register(&command{name: "export stats", usage: "[--lang en|ru|uk] --out FILE|- [--vault PATH]",
		summary: "cli.summary.export_stats", run: exportStats})
	register(&command{name: "export pfif", usage: "[--query Q] [--status S] [--author NAME] [--redact PROFILE] [--lang en|ru|uk] --out FILE|- [--vault PATH]",
		summary: "cli.summary.export_pfif", run: exportPFIF})
	register(&command{name: "import pfif", usage: "FILE|- [--lang en|ru|uk] [--vault PATH]",
		summary: "cli.summary.import_pfif", run: importPFIF})
}

// describeReport words the errors of report and export commands; describe
// calls it first.
func describeReport(err error) (string, bool) {
	switch {
	case errors.Is(err, report.ErrLang):
		return lang.L("cli.report.err.lang"), true
	case errors.Is(err, cases.ErrUnknownRedaction):
		return lang.L("cli.report.err.profile"), true
	case errors.Is(err, report.ErrColumn):
		return lang.X("cli.report.err.column", "unknown column; the columns are: {{.Columns}}",
			map[string]any{"Columns": columnList()}), true
	case errors.Is(err, report.ErrNoCases):
		return lang.L("cli.report.err.no_cases"), true
	case errors.Is(err, pfif.ErrVersion):
		return lang.L("cli.report.err.pfif_version"), true
	case errors.Is(err, pfif.ErrTooLarge):
		return lang.L("cli.report.err.pfif_too_large"), true
	case errors.Is(err, pfif.ErrInvalid):
		// The error names the record and element, never their content.
		return lang.X("cli.report.err.pfif_invalid", "the file is not valid PFIF 1.4 ({{.Detail}}); nothing was imported",
			map[string]any{"Detail": strings.TrimPrefix(err.Error(), "pfif: ")}), true
	}
	return "", false
}

func columnList() string {
	names := make([]string, len(report.AllColumns))
	for i, c := range report.AllColumns {
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}

// docFlags are the options every document command takes.
type docFlags struct {
	lang, redact *string
}

func newDocFlags(fs *flag.FlagSet, withRedact bool) docFlags {
	d := docFlags{lang: fs.String("lang", "", "")}
	if withRedact {
		d.redact = fs.String("redact", "", "")
	}
	return d
}

// options turns the flags into report options. Without --lang, documents
// follow the language of the environment (LANGUAGE, LC_ALL, LC_MESSAGES,
// LANG), as the command line's own messages do, falling back to English.
func (e *env) options(d docFlags) (report.Options, error) {
	var opt report.Options
	if *d.lang != "" {
		l, err := report.ParseLang(*d.lang)
		if err != nil {
			return opt, usageError{lang.L("cli.report.err.lang")}
		}
		opt.Lang = l
	} else {
		opt.Lang = e.environmentLang()
	}
	if d.redact != nil && *d.redact != "" {
		p, err := cases.ParseRedaction(*d.redact)
		if err != nil {
			return opt, usageError{lang.L("cli.report.err.profile")}
		}
		opt.Profile = p
	}
	return opt, nil
}

func (e *env) environmentLang() report.Lang {
	for _, v := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		for _, part := range strings.Split(e.getenv(v), ":") {
			if l, err := report.ParseLang(part); err == nil && part != "" {
				return l
			}
		}
	}
	return report.English
}

// writeOut writes what produce makes to the file named out, or to standard
// output for "-". The file is created new (never overwriting one) and
// readable by its owner only, since it holds case data in the clear; if
// producing fails, the partial file is removed.
func (e *env) writeOut(out string, produce func(io.Writer) error) error {
	if out == "-" {
		return produce(e.stdout)
	}
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return errOutExists
		}
		return err
	}
	err = produce(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(out)
		return err
	}
	fmt.Fprintln(e.stderr, lang.X("cli.report.wrote", "Wrote {{.File}}. It is not encrypted: keep it safe and delete it when it has been sent.",
		map[string]any{"File": out}))
	return nil
}

// startDocument checks that --out was given, reads the document flags and
// unlocks the vault: the common start of every document command.
func (e *env) startDocument(vf *vaultFlags, out string, df docFlags) (*vault.Vault, report.Options, error) {
	if out == "" {
		return nil, report.Options{}, usageError{lang.L("cli.report.err.need_out")}
	}
	opt, err := e.options(df)
	if err != nil {
		return nil, opt, err
	}
	v, err := e.openUnlocked(vf)
	return v, opt, err
}

func reportPDF(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("report pdf")
	out := fs.String("out", "", "")
	df := newDocFlags(fs, true)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usageError{lang.L("cli.report.err.need_ids")}
	}
	v, opt, err := e.startDocument(vf, *out, df)
	if err != nil {
		return err
	}
	defer v.Close()
	cs, err := report.Load(e.ctx, v, pos, nil)
	if err != nil {
		return err
	}
	// Lay the PDF out in memory first, so that a failure leaves no file.
	var buf bytes.Buffer
	if err := report.CaseFile(e.ctx, &buf, cs, opt); err != nil {
		return err
	}
	return e.writeOut(*out, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err })
}

func reportSummary(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("report summary")
	pdfOut := fs.String("pdf", "", "")
	df := newDocFlags(fs, true)
	id, err := parseOneCase(fs, args)
	if err != nil {
		return err
	}
	opt, err := e.options(df)
	if err != nil {
		return err
	}
	return e.withCaseID(vf, id, func(v *vault.Vault, c cases.Case) error {
		if *pdfOut != "" {
			var buf bytes.Buffer
			if err := report.SummaryPDF(&buf, c, opt); err != nil {
				return err
			}
			return e.writeOut(*pdfOut, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err })
		}
		pw := &printableWriter{w: e.stdout}
		if err := report.SummaryText(pw, c, opt); err != nil {
			return err
		}
		return pw.Close()
	})
}

// selection returns the overviews a --query and --status choose.
func selection(v *vault.Vault, query, status string) ([]cases.Overview, error) {
	if status != "" && !cases.Status(status).Valid() {
		return nil, usageError{lang.X("cli.err.bad_status", "unknown status {{.Status}}", map[string]any{"Status": status})}
	}
	return v.Search(search.Query{Text: query, Status: cases.Status(status), Sort: search.SortNumber}), nil
}

func exportCSV(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("export csv")
	out := fs.String("out", "", "")
	query := fs.String("query", "", "")
	status := fs.String("status", "", "")
	columns := fs.String("columns", "", "")
	df := newDocFlags(fs, false)
	if err := parseNone(fs, args); err != nil {
		return err
	}
	cols, err := report.ParseColumns(*columns)
	if err != nil {
		return err
	}
	v, opt, err := e.startDocument(vf, *out, df)
	if err != nil {
		return err
	}
	defer v.Close()
	list, err := selection(v, *query, *status)
	if err != nil {
		return err
	}
	if err := e.writeOut(*out, func(w io.Writer) error { return report.CaseList(w, list, cols, opt) }); err != nil {
		return err
	}
	fmt.Fprintln(e.stderr, lang.X("cli.list.count", "{{.N}} cases", map[string]any{"N": len(list)}))
	return nil
}

func exportStats(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("export stats")
	out := fs.String("out", "", "")
	df := newDocFlags(fs, false)
	if err := parseNone(fs, args); err != nil {
		return err
	}
	v, opt, err := e.startDocument(vf, *out, df)
	if err != nil {
		return err
	}
	defer v.Close()
	list := v.Search(search.Query{})
	return e.writeOut(*out, func(w io.Writer) error {
		return report.Statistics(w, list, report.StatsOptions{Options: opt})
	})
}

func exportPFIF(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("export pfif")
	out := fs.String("out", "", "")
	query := fs.String("query", "", "")
	status := fs.String("status", "", "")
	author := fs.String("author", "", "")
	df := newDocFlags(fs, true)
	if err := parseNone(fs, args); err != nil {
		return err
	}
	v, opt, err := e.startDocument(vf, *out, df)
	if err != nil {
		return err
	}
	defer v.Close()
	if *df.redact == "" {
		opt.Profile = cases.RedactReporterIdentity
	}
	list, err := selection(v, *query, *status)
	if err != nil {
		return err
	}
	ids := make([]string, len(list))
	for i, o := range list {
		ids[i] = o.ID
	}
	cs, err := report.Load(e.ctx, v, ids, nil)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := pfif.Export(e.ctx, &buf, cs, pfif.ExportOptions{Lang: opt.Lang, Author: *author, Profile: opt.Profile}); err != nil {
		return err
	}
	if err := e.writeOut(*out, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err }); err != nil {
		return err
	}
	fmt.Fprintln(e.stderr, lang.X("cli.list.count", "{{.N}} cases", map[string]any{"N": len(cs)}))
	return nil
}

func importPFIF(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("import pfif")
	df := newDocFlags(fs, false)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{lang.L("cli.report.err.need_file")}
	}
	opt, err := e.options(df)
	if err != nil {
		return err
	}
	data, err := e.readInput(pos[0])
	if err != nil {
		return err
	}
	cs, err := pfif.Decode(bytes.NewReader(data), pfif.ImportOptions{Lang: opt.Lang})
	if err != nil {
		return err
	}
	n, err := e.addCases(vf, cs)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stderr, lang.X("cli.report.imported", "Cases imported: {{.N}}.", map[string]any{"N": n}))
	return nil
}
