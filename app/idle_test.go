package app

import (
	"testing"
	"time"
)

func TestIdleLockFiresAfterTimeout(t *testing.T) {
	newTestApp(t)
	c := newFakeClock()
	fired := 0
	l := newIdleLock(c, func() { fired++ })
	l.Start(5 * time.Minute)

	c.Advance(4 * time.Minute)
	l.Touch() // activity at 4:00 pushes the deadline to 9:00
	c.Advance(4*time.Minute + 59*time.Second)
	if fired != 0 {
		t.Fatalf("locked after %v of idleness, want only after 5m", 4*time.Minute+59*time.Second)
	}
	c.Advance(time.Second)
	if fired != 1 {
		t.Fatalf("onIdle called %d times after 5m idle, want 1", fired)
	}
	if l.Running() {
		t.Error("idle lock still armed after it fired")
	}
	c.Advance(time.Hour)
	if fired != 1 {
		t.Errorf("onIdle called %d times, want it to fire once until restarted", fired)
	}
}

func TestIdleLockStop(t *testing.T) {
	newTestApp(t)
	c := newFakeClock()
	fired := false
	l := newIdleLock(c, func() { fired = true })
	l.Start(time.Minute)
	l.Stop()
	c.Advance(time.Hour)
	if fired {
		t.Error("a stopped idle lock fired")
	}
	if n := c.pending(); n != 0 {
		t.Errorf("%d timers left pending after Stop", n)
	}
}

func TestClipboardWiper(t *testing.T) {
	tests := []struct {
		name      string
		replace   string // what another program copies meanwhile ("" for nothing)
		wantAfter string
	}{
		{"clears our text", "", ""},
		{"leaves text copied elsewhere", "someone else's text", "someone else's text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newTestApp(t)
			c := newFakeClock()
			w := newClipboardWiper(a.Clipboard(), c)
			w.Copy("+7 912 555-01-23")
			if got := a.Clipboard().Content(); got != "+7 912 555-01-23" {
				t.Fatalf("clipboard = %q after Copy", got)
			}
			if tt.replace != "" {
				a.Clipboard().SetContent(tt.replace)
			}
			c.Advance(clipboardLifetime - time.Second)
			if got := a.Clipboard().Content(); got == "" {
				t.Fatal("clipboard cleared before its lifetime")
			}
			c.Advance(time.Second)
			if got := a.Clipboard().Content(); got != tt.wantAfter {
				t.Errorf("clipboard after %v = %q, want %q", clipboardLifetime, got, tt.wantAfter)
			}
		})
	}
}

func TestClipboardWipeNow(t *testing.T) {
	a := newTestApp(t)
	c := newFakeClock()
	w := newClipboardWiper(a.Clipboard(), c)
	w.Copy("first")
	w.Copy("second") // the first copy's timer must not fire on the second
	w.Wipe()
	if got := a.Clipboard().Content(); got != "" {
		t.Errorf("clipboard after Wipe = %q, want empty", got)
	}
	if n := c.pending(); n != 0 {
		t.Errorf("%d timers pending after Wipe", n)
	}
}
