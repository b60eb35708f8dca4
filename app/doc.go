// Package app is Kintrace's Fyne GUI: first run, unlock, the case list and
// the screens it opens. It talks to the encrypted store only through the
// Vault interface (backend.go), so tests run it against a real vault in a
// temporary folder.
//
// It stays one package, so that screens keep their widgets as unexported
// fields that tests drive; files are grouped by screen through their
// prefixes:
//
//   - Window and its life: run.go (start), ui.go (the UI: one screen at a
//     time, dialogs, lock), host.go and extend.go (the Host seam of feature
//     screens), features.go (the one ordered list of menu actions, editor
//     tabs and tour scenes), idle.go, clipboard.go, clock.go, toast.go,
//     progress.go, errors.go, theme.go, layout.go, i18n*.go, labels.go,
//     plural.go (CLDR plural forms), dates.go (every date shown),
//     portable.go, about.go; taborder.go (forms built in reading order,
//     for Tab); the lock in a new process: restart*.go;
//     lock's memory release where it cannot restart: blank.go,
//     lockmemory.go; testhook.go (state lines for the tests that drive the
//     real process).
//   - Locked screens: firstrun.go, strength*.go, recovery.go, unlock.go,
//     destroy.go (the unlock screen's "Destroy vault…": the panic wipe),
//     demo.go, settings.go; secretentry.go (the passphrase field).
//   - The desk (case list): desk.go, caserow.go, desk_columns.go (columns,
//     sorting by a header), desk_views.go (saved views, chosen columns and
//     the file dialogs' last folder, sealed in the vault), selection.go,
//     drop.go, activity.go; proof.go (proof of life: silence since the
//     last confirmed contact, "Confirm it was him…").
//   - The case editor and its tabs: editor*.go (editor_warnings.go: the
//     implausible values cases.Warnings finds, beside their fields),
//     datepicker.go (the calendar beside date fields), history*.go; feature tabs:
//     attach*.go (attachments), conflict.go (conflicts), links.go (linked
//     cases).
//   - Patterns: dupes.go, shared*.go, overview*.go; merging two cases
//     side by side: merge_view.go, merge_save.go, and the editor's
//     warning on saving a likely duplicate, editor_dupes.go.
//   - Exchange: bundle*.go (export, import; bundle_deleted.go: cases
//     deleted in this vault that a bundle carries), contacts.go; team
//     exchange folders: exchange*.go (the view, sharing rules, the inbox
//     and its fsnotify watcher).
//   - Casework: editor_requests.go (the Requests and Follow-ups tabs),
//     today.go (the Today view after unlock); casework_wiring.go sets
//     their hooks (a request's letter, the inbox's count).
//   - Published lists: listmatch*.go (Match a list…).
//   - Documents: report.go; letters to authorities: letter.go (the
//     "Draft letter…" dialog, showLetterDialog), letter_template.go (its
//     template editor).
//   - Intake: sheetimport.go (a spreadsheet of cases: mapping, check,
//     import), chatimport.go (a chat export into a case's timeline, and
//     the offer to overwrite and delete an imported file).
//   - Screenshots: tour.go and the *_tour.go scenes (make screenshots).
//
// Work off the UI goroutine goes through Host.Go (UI.Go), whose context is
// cancelled on lock and close; results come back through fyne.Do. Tests run
// fyne.Do as the real driver does (serialdo_test.go): the test's goroutine
// owns the UI and work's functions run when it waits (waitUI, recvUI).
package app
