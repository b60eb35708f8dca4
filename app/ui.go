package app

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"slices"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
)

// windowTitle is the only title the window ever has: task bars, window
// lists and shared screens show titles, so case content never goes there.
const windowTitle = "Kintrace"

// UI is Kintrace's window. It shows one screen at a time — first run, the
// recovery key, unlock, the desk (case list) or a screen the desk opened,
// such as the case editor — and owns what outlives screens: the vault, the
// idle lock, the clipboard wiper and the open dialogs.
type UI struct {
	app   fyne.App
	win   fyne.Window
	clock clock

	path     string // the vault file on show
	mainPath string // the user's own vault (KINTRACE_VAULT or the default)
	demoPath string // where the demo vault lives

	portableDir string // the portable data folder in portable mode, else ""
	realHome    string // the user's home folder in portable mode (file dialogs start there)
	vault       Vault  // nil before first run, or when the file could not be opened
	prefs       settings

	idle *idleLock
	clip *clipboardWiper

	// The screen on show; at most one of these is non-nil. Every one that
	// holds decrypted data is dropped by lockNow.
	firstRun *firstRunScreen
	recovery *recoveryScreen
	unlock   *unlockScreen
	desk     *deskScreen
	screen   fyne.CanvasObject // a screen the desk opened (the case editor)

	// selection are the cases ticked in the case list (ids only); it
	// outlives the desk but is cleared whenever the vault is not unlocked
	selection caseSelection

	dialogs         []dialog.Dialog
	toast           *toast
	screenShortcuts map[fyne.KeyName]func()

	// work counts the goroutines Go started; tests wait on it instead of
	// sleeping. workCtx is their context, cancelled by stopWork (lock,
	// close, switching vaults), which waits for them before the vault is
	// touched.
	work      sync.WaitGroup
	running   atomic.Int32 // how many of them run now (ReportStatesForTests)
	workMu    sync.Mutex
	workCtx   context.Context
	workClose context.CancelFunc
}

// newUI prepares the window w for the vault at path. Call start to show the
// first screen.
func newUI(a fyne.App, w fyne.Window, path, demoPath string, c clock) *UI {
	u := &UI{app: a, win: w, clock: c, path: path, mainPath: path, demoPath: demoPath}
	u.workCtx, u.workClose = context.WithCancel(context.Background())
	forgetFileDialogFolder(a) // left by a session that ended with a file dialog open
	u.prefs = loadSettings(a.Preferences())
	if err := applyLanguage(u.prefs.Language); err != nil {
		fyne.LogError("Loading translations", err)
	}
	a.Settings().SetTheme(newTheme(u.prefs.Theme))
	u.idle = newIdleLock(c, u.lockNow)
	u.clip = newClipboardWiper(a.Clipboard(), c)
	u.clip.Watch()
	a.Lifecycle().SetOnEnteredForeground(func() { u.clip.SetFocused(true) })
	a.Lifecycle().SetOnExitedForeground(func() { u.clip.SetFocused(false) })
	u.toast = newToast()
	w.SetTitle(windowTitle)
	w.SetOnDropped(u.dropped)
	u.registerShortcuts()
	return u
}

// start opens the vault file, or shows the first-run screen when there is
// none.
func (u *UI) start() {
	_, err := os.Stat(u.path)
	if errors.Is(err, fs.ErrNotExist) {
		u.showFirstRun()
		return
	}
	if err == nil {
		u.vault, err = openVault(u.path)
	}
	u.showUnlock()
	if err != nil {
		u.unlock.showOpenError(err)
	}
}

// shutdown locks and closes the vault when the window closes.
func (u *UI) shutdown() {
	u.idle.Stop()
	u.clip.Check()
	u.clip.Wipe()
	u.clip.StopWatching()
	if u.unlock != nil {
		u.unlock.cancelWork()
	}
	u.stopWork()
	if u.vault != nil {
		if err := u.vault.Lock(); err != nil {
			fyne.LogError("Locking the vault", err)
		}
		if err := u.vault.Close(); err != nil {
			fyne.LogError("Closing the vault", err)
		}
	}
}

// Go runs fn off the UI goroutine with a context that is cancelled when
// the vault is locked or closed; fn reports back through fyne.Do. Locking,
// closing and switching vaults wait for every fn to return before they
// touch the vault, so no work outlives the keys it was started with.
func (u *UI) Go(fn func(ctx context.Context)) {
	u.workMu.Lock()
	ctx := u.workCtx
	u.work.Add(1)
	u.running.Add(1)
	u.workMu.Unlock()
	go func() {
		defer u.work.Done()
		defer u.running.Add(-1)
		fn(ctx)
	}()
}

// stopWork cancels the context of the work Go started, waits for it to
// return and gives later work a fresh context. It runs on the UI
// goroutine; work reports back through fyne.Do, which never waits for it.
func (u *UI) stopWork() {
	stopExchangeWatch(u) // exchange_inbox.go
	u.workMu.Lock()
	stop := u.workClose
	u.workCtx, u.workClose = context.WithCancel(context.Background())
	u.workMu.Unlock()
	stop()
	u.work.Wait()
}

// touch records user activity for the idle lock.
func (u *UI) touch() { u.idle.Touch() }

func (u *UI) setContent(o fyne.CanvasObject) {
	u.closeDialogs()
	u.hideToast()
	u.screenShortcuts = nil
	u.win.SetContent(newActivityLayer(container.NewStack(o, u.toast.layer()), u.touch))
}

func (u *UI) clearScreens() {
	if u.desk != nil {
		u.desk.wipe()
	}
	if u.recovery != nil {
		u.recovery.wipe()
	}
	if u.unlock != nil {
		u.unlock.wipe()
	}
	if u.firstRun != nil {
		u.firstRun.pass1.Wipe()
		u.firstRun.pass2.Wipe()
	}
	if w, ok := u.screen.(interface{ wipe() }); ok {
		w.wipe()
	}
	u.firstRun, u.recovery, u.unlock, u.desk, u.screen = nil, nil, nil, nil, nil
}

func (u *UI) showFirstRun() {
	u.selection.Clear()
	u.clearScreens()
	u.firstRun = newFirstRunScreen(u)
	u.setContent(u.firstRun)
	u.win.Canvas().Focus(u.firstRun.pass1)
}

func (u *UI) showRecovery(key string) {
	u.clearScreens()
	u.recovery = newRecoveryScreen(u, key)
	u.setContent(u.recovery)
}

func (u *UI) showUnlock() {
	u.idle.Stop()
	u.selection.Clear() // locking, or another vault: the ticks go
	u.clearScreens()
	u.unlock = newUnlockScreen(u)
	u.setContent(u.unlock)
	if u.vault != nil {
		u.win.Canvas().Focus(u.unlock.passphrase)
		u.reportState("unlock")
	}
}

// showDesk shows the case list of the unlocked vault and arms the idle lock.
func (u *UI) showDesk() {
	query := ""
	if u.desk != nil {
		query = u.desk.search.Text
	}
	u.clearScreens()
	u.desk = newDeskScreen(u)
	u.setContent(u.desk)
	if query != "" {
		u.desk.search.SetText(query)
	}
	u.win.Canvas().Focus(u.desk.search)
	if !u.idle.Running() {
		u.idle.Start(u.prefs.IdleTimeout())
	}
	u.reportDesk()
	startExchangeWatch(u) // once per unlocked session: scans the inbox now and on changes
}

// showScreen shows a screen the desk opened (the case editor, a history
// view) in place of the desk. Locking drops it.
func (u *UI) showScreen(o fyne.CanvasObject) {
	u.clearScreens()
	u.screen = o
	u.setContent(o)
	u.reportScreen(o)
}

// openEditor is set by the case editor (app/editor.go, in an init
// function). It builds the editor for the case with the given id, or for a
// new case when id is empty, and returns it; the window shows it in place of
// the desk with showScreen and drops it on lock. The editor returns to the
// list with u.showDesk(), opens dialogs with u.showDialog, adds its own
// shortcuts (Ctrl+S) with u.addScreenShortcut, creates entries with
// u.newEntry so typing counts as activity, and copies numbers with
// u.copyToClipboard. While it is nil, the desk offers no "New case" button
// and rows do not open.
var openEditor func(u *UI, id string) fyne.CanvasObject

// openCase opens the case editor for id ("" for a new case).
func (u *UI) openCase(id string) {
	if openEditor == nil || u.vault == nil || u.vault.Locked() {
		return
	}
	if o := openEditor(u, id); o != nil {
		u.showScreen(o)
	}
}

// lockNow locks the vault and drops every screen that holds decrypted data:
// Ctrl+L, the lock button and the idle lock call it.
func (u *UI) lockNow() {
	if u.vault == nil {
		return
	}
	if u.unlock != nil {
		// Nothing decrypted is on show; an unlock under way is cancelled.
		u.unlock.cancelWork()
		return
	}
	u.idle.Stop()
	u.clip.Check() // a copy made since the last check is wiped too
	u.clip.Wipe()
	u.stopWork()
	blankTree(u.win.Content())
	u.clearScreens()
	err := u.vault.Lock()
	if err == nil && restartOnLock.Load() && u.path != u.demoPath {
		u.clip.StopWatching()
		if cerr := u.vault.Close(); cerr == nil {
			// restartLocked returns only when it failed: the lock then
			// stays in this process, on the vault opened again.
			fyne.LogError("Locking in a new process", restartLocked(u.path))
			if v, oerr := openVault(u.path); oerr == nil {
				u.vault = v
			} else {
				err = oerr
			}
		}
		u.clip.Watch()
	}
	u.showUnlock()
	if err != nil {
		u.unlock.setError(errorMessage(err))
	}
	u.releaseMemory()
	u.reportState("locked")
}

// copyToClipboard copies text and clears it from the clipboard after
// clipboardLifetime (if it is still there), telling the user so.
func (u *UI) copyToClipboard(text string) {
	u.touch()
	u.clip.Copy(text)
	u.showToast(lang.L("Copied. The clipboard will be cleared in 30 seconds."))
}

// ShowDialog is showDialogClosing, for feature screens (Host).
func (u *UI) ShowDialog(d dialog.Dialog, onClosed func()) { u.showDialogClosing(d, onClosed) }

// showDialog shows d and keeps it as a handle, so that Escape and locking
// close it.
func (u *UI) showDialog(d dialog.Dialog) { u.showDialogClosing(d, nil) }

// showDialogClosing is showDialog for a dialog that must also run
// onClosed (say, to stop its work) when it closes, however it closes.
func (u *UI) showDialogClosing(d dialog.Dialog, onClosed func()) {
	u.touch()
	fd, isFile := d.(*dialog.FileDialog)
	if isFile {
		u.startFileDialog(fd)
	}
	u.dialogs = append(u.dialogs, d)
	d.SetOnClosed(func() {
		if i := slices.Index(u.dialogs, d); i >= 0 {
			u.dialogs = slices.Delete(u.dialogs, i, i+1)
		}
		if isFile {
			forgetFileDialogFolder(u.app)
		}
		if onClosed != nil {
			onClosed()
		}
	})
	d.Show()
}

// showError tells the user what went wrong, in a sentence of their
// language; it never shows err's own text.
func (u *UI) showError(err error) {
	u.showDialog(dialog.NewInformation(lang.L("Something went wrong"), errorMessage(err), u.win))
}

func (u *UI) closeDialogs() {
	open := u.dialogs
	u.dialogs = nil
	for i := len(open) - 1; i >= 0; i-- {
		open[i].Hide()
	}
}

// escape closes the topmost dialog and reports whether there was one.
func (u *UI) escape() bool {
	if len(u.dialogs) == 0 {
		return false
	}
	d := u.dialogs[len(u.dialogs)-1]
	u.dialogs = u.dialogs[:len(u.dialogs)-1]
	d.Hide()
	return true
}

// openSettings shows the settings dialog.
func (u *UI) openSettings() *settingsDialog {
	d := newSettingsDialog(u.prefs, u.win, u.applySettings, u.vaultSettings()...)
	u.showDialog(d.dialog)
	return d
}

// applySettings saves s and applies it: theme at once, the idle time from
// now, and a language change by rebuilding the screen on show.
func (u *UI) applySettings(s settings) {
	old := u.prefs
	u.prefs = s
	s.save(u.app.Preferences())
	if s.Theme != old.Theme {
		u.app.Settings().SetTheme(newTheme(s.Theme))
	}
	if s.IdleMinutes != old.IdleMinutes && u.idle.Running() {
		u.idle.Start(s.IdleTimeout())
	}
	if s.Language != old.Language {
		if err := applyLanguage(s.Language); err != nil {
			fyne.LogError("Switching language", err)
		}
		u.rebuild()
	}
}

// rebuild recreates the screen on show, so that its strings are in the
// current language.
func (u *UI) rebuild() {
	switch {
	case u.desk != nil:
		u.showDesk()
	case u.recovery != nil:
		key := u.recovery.key
		u.showRecovery(key)
	case u.unlock != nil:
		u.showUnlock()
	case u.firstRun != nil:
		u.showFirstRun()
	}
}

// shortcut bindings of the window; on macOS the modifier is Command.
func (u *UI) registerShortcuts() {
	c := u.win.Canvas()
	for _, k := range []fyne.KeyName{fyne.KeyL, fyne.KeyN, fyne.KeyF} {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault},
			func(s fyne.Shortcut) { u.touch(); u.runShortcut(s) })
	}
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		u.touch()
		if k.Name == fyne.KeyEscape {
			u.escape()
		}
	})
	c.SetOnTypedRune(func(rune) { u.touch() })
}

// addScreenShortcut binds Ctrl+key (Command on macOS) to fn while the
// current screen is on show.
func (u *UI) addScreenShortcut(key fyne.KeyName, fn func()) {
	if u.screenShortcuts == nil {
		u.screenShortcuts = map[fyne.KeyName]func(){}
	}
	u.screenShortcuts[key] = fn
	u.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault},
		func(s fyne.Shortcut) { u.touch(); u.runShortcut(s) })
}

// runShortcut runs the window's action for s and reports whether it had one.
func (u *UI) runShortcut(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || cs.Modifier != fyne.KeyModifierShortcutDefault {
		return false
	}
	if fn, ok := u.screenShortcuts[cs.KeyName]; ok {
		fn()
		return true
	}
	switch cs.KeyName {
	case fyne.KeyL:
		u.lockNow()
	case fyne.KeyN:
		if u.desk != nil && openEditor != nil {
			u.openCase("")
		}
	case fyne.KeyF:
		if u.desk != nil {
			u.win.Canvas().Focus(u.desk.search)
		}
	default:
		return false
	}
	return true
}
