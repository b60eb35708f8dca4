package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kintrace/cases"
	"kintrace/cases/exchange"
	"kintrace/cases/letter"
)

// TestDraftLetterFromRequest: a request's "Draft letter…" opens the letter
// dialog addressed to the request's authority, by kind and by name, and
// asking what the request asks.
func TestDraftLetterFromRequest(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	c := lebedev
	c.Requests = []cases.Request{{ID: "R1", AuthorityKind: cases.AuthorityMilitaryProsecutor, Status: cases.RequestSent,
		SentOn: "2026-02-01", Authority: "Военная прокуратура Южного военного округа",
		Subject: "Где проходит службу и жив ли он"}}
	c = h.addCase(c)
	d := draftRequestLetter(h.ui, h.getCase(c.ID), "R1")
	if d == nil {
		t.Fatal("no letter dialog")
	}
	if k, _ := d.chosen(); k != letter.MilitaryProsecutor {
		t.Errorf("letter to %q", k)
	}
	if d.authority.Text != c.Requests[0].Authority || d.ask.Text != c.Requests[0].Subject {
		t.Errorf("authority %q, ask %q", d.authority.Text, d.ask.Text)
	}
	if !strings.Contains(d.preview.Text, "Где проходит службу") {
		t.Errorf("the preview does not ask what the request asks:\n%s", d.preview.Text)
	}
	if draftRequestLetter(h.ui, h.getCase(c.ID), "R9") != nil {
		t.Error("a letter for a request the case does not have")
	}
}

// TestTodayShowsInboxWaiting: files waiting in the exchange inbox reach the
// Today view through the inbox watcher's scan, and its line opens the Team
// exchange view.
func TestTodayShowsInboxWaiting(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	c := lebedev
	c.FollowUps = []cases.FollowUp{{ID: "F1", Due: "2026-03-01", Note: "Call the mother"}}
	h.addCase(c)
	h.clock.setNow(day(2026, 3, 5))
	f, err := exchange.SetFolder(context.Background(), h.ui.Store(), filepath.Join(t.TempDir(), "exchange"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(f.Inbox(), "scan-0412.jpg"), []byte("not a bundle"), 0o600); err != nil {
		t.Fatal(err)
	}
	past := time.Now().Add(-time.Hour) // settled: not still arriving
	os.Chtimes(filepath.Join(f.Inbox(), "scan-0412.jpg"), past, past)
	h.ui.showTodayNow()
	s := h.today()
	if s.inbox.Visible() {
		t.Fatal("an inbox line before any scan")
	}
	startExchangeWatch(h.ui)
	defer stopExchangeWatch(h.ui)
	deadline := time.After(60 * time.Second)
	for !s.inbox.Visible() {
		select {
		case <-deadline:
			t.Fatal("the inbox's scan never reached Today")
		default:
		}
		recvUI(time.After(20 * time.Millisecond)) // lets the watcher's fyne.Do run
	}
	if !strings.Contains(s.inbox.Text, "1") {
		t.Errorf("inbox line %q", s.inbox.Text)
	}
	if InboxWaiting(h.ui) != 1 {
		t.Errorf("InboxWaiting %d", InboxWaiting(h.ui))
	}
}
