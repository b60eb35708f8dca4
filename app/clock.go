package app

import "time"

// clock is the time source of the idle lock and the clipboard wiper, so that
// tests can move time forward instead of sleeping.
type clock interface {
	Now() time.Time
	// AfterFunc calls f on its own goroutine after d.
	AfterFunc(d time.Duration, f func()) stopper
}

// stopper cancels a pending AfterFunc.
type stopper interface{ Stop() bool }

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

func (systemClock) AfterFunc(d time.Duration, f func()) stopper { return time.AfterFunc(d, f) }
