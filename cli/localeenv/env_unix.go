//go:build !windows && !darwin && !android && !ios && !js

package localeenv

// readsEnvironment: Fyne takes the language from the environment here.
const readsEnvironment = true
