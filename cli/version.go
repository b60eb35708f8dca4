package cli

import (
	"fmt"
	"text/tabwriter"

	"fyne.io/fyne/v2/lang"

	"kintrace/cases/vault"
)

func init() {
	register(&command{name: "version", usage: "", summary: "cli.version.summary", run: version})
}

// version prints what a bug report needs: the release, the commit, and the
// versions of the toolchain, the libraries and the vault format.
func version(e *env, args []string) error {
	fs := e.flags("version")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{lang.L("cli.err.extra_args")}
	}
	b := vault.BuildInfo()
	fmt.Fprintf(e.stdout, "Kintrace %s\n", b.Version)
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	for _, f := range b.Fields(lang.L("cli.version.unknown"))[1:] {
		fmt.Fprintf(tw, "%s\t%s\n", versionLabel(f.Key), f.Value)
	}
	return tw.Flush()
}

// versionLabel is the translated label of a cases.BuildField key.
func versionLabel(key string) string {
	switch key {
	case "version":
		return lang.L("cli.version.version")
	case "commit":
		return lang.L("cli.version.commit")
	case "platform":
		return lang.L("cli.version.platform")
	case "go":
		return lang.L("cli.version.go")
	case "fyne":
		return lang.L("cli.version.fyne")
	case "sqlite":
		return lang.L("cli.version.sqlite")
	case "age":
		return lang.L("cli.version.age")
	case "format":
		return lang.L("cli.version.format")
	}
	return key
}
