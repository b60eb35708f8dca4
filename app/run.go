package app

import (
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"kintrace/cases"
	"kintrace/cases/vault"
)

// appID is the application's id: it names the preferences file and must
// match FyneApp.toml.
const appID = "org.kintrace.app"

// Run starts the GUI and blocks until the window closes. It opens the vault
// at $KINTRACE_VAULT, or at vault.DefaultPath, or offers to create one.
func Run() {
	portableDir, realHome := cases.PortableDir(), ""
	if portableDir != "" {
		var err error
		if realHome, err = enterPortable(portableDir); err != nil {
			fyne.LogError("Portable mode", err)
		}
	}
	a := fyneapp.NewWithID(appID)
	// Fyne quits on SIGINT and SIGTERM too, but starts listening only in
	// a goroutine of ShowAndRun: a signal before that would kill the
	// process without its shutdown (the vault locked and closed, the
	// clipboard wiped). A lock's new process (restart.go) is on show
	// before then.
	// The driver's Quit, not the app's: the app's closes the window first,
	// and Fyne 2.7 then crashes on a mouse event that reaches the closing
	// window before the loop ends (seen in TestOfflineGUI).
	var onTerm atomic.Pointer[func()]
	quit := make(chan os.Signal, 1)
	signal.Notify(quit, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-quit
		fyne.Do(func() {
			if f := onTerm.Load(); f != nil {
				(*f)()
			}
			a.Driver().Quit()
		})
	}()
	a.SetIcon(iconResource)
	w := a.NewWindow(windowTitle)
	w.Resize(fyne.NewSize(1120, 740))
	w.SetMaster()

	path, pathErr := vaultPath()
	demoPath, err := demoVaultPath()
	if err != nil {
		demoPath = ""
	}
	restartOnLock.Store(true)
	u := newUI(a, w, path, demoPath, systemClock{})
	u.portableDir, u.realHome = portableDir, realHome
	if portableDir != "" {
		chooserStart = realHome // file dialogs open in the real home, not the portable data folder
	}
	w.SetOnClosed(u.shutdown)
	shutdown := u.shutdown
	onTerm.Store(&shutdown)
	w.SetCloseIntercept(func() { u.leaveScreen(w.Close) }) // the editor asks about unsaved changes
	if pathErr != nil {
		u.showUnlock()
		u.unlock.showOpenError(pathErr)
	} else {
		u.start()
		if restartedLocked() && u.unlock != nil {
			u.reportState("locked") // a lock's new process is on show
		}
	}
	w.ShowAndRun()
}

// vaultPath is the vault file to open: $KINTRACE_VAULT when set, else the
// default path in the user's data folder.
func vaultPath() (string, error) {
	if p := os.Getenv("KINTRACE_VAULT"); p != "" {
		return p, nil
	}
	return vault.DefaultPath()
}
