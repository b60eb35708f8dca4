//go:build windows || darwin || android || ios || js

package localeenv

// readsEnvironment: Fyne asks the operating system for the language here.
const readsEnvironment = false
