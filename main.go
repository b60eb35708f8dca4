// Command kintrace keeps the case files of people whose relatives lost
// contact with them, in an encrypted vault, and passes them to colleagues as
// encrypted, signed bundles. With no arguments it starts the GUI; with a
// subcommand it is a command-line tool that never touches the display.
package main

import (
	"os"

	"kintrace/app"
	"kintrace/cases"
	"kintrace/cli"
	// Before Fyne's lang package reads the locale: see the package comment.
	_ "kintrace/cli/localeenv"
)

func main() {
	cases.ApplyMemoryLimit()
	if len(os.Args) > 1 {
		os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	app.Run()
}
