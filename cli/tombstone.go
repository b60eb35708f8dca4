package cli

import (
	"fmt"
	"io"

	"fyne.io/fyne/v2/lang"

	"kintrace/cases/bundle"
)

// Cases deleted in this vault that a bundle carries (bundle.PlanDeleted,
// planned as "cli.bundle.plan.deleted_here"): bundle inspect and bundle
// import name them and leave them out; bundle import --restore-deleted
// restores them.

// printDeletedNote says what happens to the deleted cases a bundle carries.
func printDeletedNote(w io.Writer, info *bundle.Info, restore bool) {
	n := info.Count(bundle.PlanDeleted)
	if n == 0 {
		return
	}
	if restore {
		fmt.Fprintln(w, lang.X("cli.bundle.deleted_restore", "Cases deleted in this vault that will be restored (--restore-deleted): {{.Count}}.",
			map[string]any{"Count": n}))
		return
	}
	fmt.Fprintln(w, lang.X("cli.bundle.deleted_left", "Cases deleted in this vault that are left out: {{.Count}}; run bundle import with --restore-deleted to restore them.",
		map[string]any{"Count": n}))
}

// printDeletedResult says what an import did with deleted cases.
func printDeletedResult(w io.Writer, res *bundle.ImportResult) {
	if res.Restored > 0 {
		fmt.Fprintln(w, lang.X("cli.bundle.restored", "Restored cases deleted in this vault: {{.Count}}.", map[string]any{"Count": res.Restored}))
	}
	if res.Deleted > 0 {
		fmt.Fprintln(w, lang.X("cli.bundle.left_deleted", "Left out cases deleted in this vault: {{.Count}}.", map[string]any{"Count": res.Deleted}))
	}
}
