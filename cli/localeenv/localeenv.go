// Package localeenv makes a "C" or "POSIX" locale read as English before
// Fyne's lang package first reads the environment.
//
// Fyne picks its language from LC_ALL, LC_MESSAGES, LANG and LANGUAGE on
// Linux and the BSDs. "C.UTF-8" — the default of many container images and
// ssh sessions — is not a language tag, so every translation Fyne loads logs
// a three-line "Error parsing user locale C" block on standard error, and
// with a plain "C" Fyne ignores LANGUAGE, through which the GUI applies the
// user's choice of language. A C locale asks for untranslated messages,
// which for Kintrace means English, so this package sets LC_MESSAGES to
// en_US.UTF-8 when the locale that decides messages is C or POSIX, and keeps
// every other category as it was.
//
// Fyne's lang package reads the environment in its own init function, so
// this must run first. Go initialises packages in the order of their import
// paths among those whose imports are done; this package imports only os and
// strings, and lang imports log, os, strings and text/template, all of which
// sort after "kintrace/", so importing this package from main runs its init
// before lang's. main_test.go checks it by running the binary under C
// locales.
package localeenv

import (
	"os"
	"strings"
)

func init() { Apply(os.Getenv, os.Setenv, os.Unsetenv) }

// categories are the locale categories other than LC_MESSAGES that LC_ALL
// overrides.
var categories = []string{"LC_CTYPE", "LC_NUMERIC", "LC_TIME", "LC_COLLATE", "LC_MONETARY",
	"LC_PAPER", "LC_NAME", "LC_ADDRESS", "LC_TELEPHONE", "LC_MEASUREMENT", "LC_IDENTIFICATION"}

// Apply rewrites the locale variables through getenv/setenv/unsetenv as the
// package comment says, and reports whether it changed anything. It does
// nothing on Windows and macOS, where Fyne asks the system instead (the
// caller decides: init calls it only where the environment is read).
func Apply(getenv func(string) string, setenv func(string, string) error, unsetenv func(string) error) bool {
	if !readsEnvironment {
		return false
	}
	name, value := "", ""
	for _, n := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(n); v != "" {
			name, value = n, v
			break
		}
	}
	if name == "" || !IsC(value) {
		return false // no locale at all also reads as English, and keeps LANGUAGE working
	}
	if name == "LC_ALL" {
		// LC_ALL overrides LC_MESSAGES: move its value to every other
		// category instead, so only the messages' language changes.
		for _, c := range categories {
			setenv(c, value)
		}
		unsetenv("LC_ALL")
	}
	setenv("LC_MESSAGES", "en_US.UTF-8")
	return true
}

// IsC reports whether a locale value names the C or POSIX locale, with or
// without a codeset or modifier ("C", "C.UTF-8", "POSIX", "C.utf8@euro").
func IsC(value string) bool {
	base, _, _ := strings.Cut(value, ".")
	base, _, _ = strings.Cut(base, "@")
	return base == "C" || base == "POSIX"
}
