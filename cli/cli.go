// Package cli is Kintrace's command line. It never touches the display.
package cli

import (
	"fmt"
	"io"
)

// Main runs one command and returns the process exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "kintrace: unknown command", args[0])
	return 2
}
