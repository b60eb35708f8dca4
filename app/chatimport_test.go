package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kintrace/cases"
)

// chatExport copies the Russian Android WhatsApp fixture into the test's
// folder and returns its path.
func chatExport(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "cases", "intake", "chat", "testdata", "whatsapp_android_ru.txt"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "WhatsApp Chat with Ольга Петренко.txt")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestChatImportIntoTimeline(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	c := h.addCase(cases.Case{Status: cases.StatusContactLost, Person: cases.Person{Name: "Андрей Петренко"}})
	h.ui.openCase(c.ID)
	ed := h.editor()
	path := chatExport(t)

	ed.openChatExport(path)
	h.wait()
	v := ed.chatImport
	if v == nil {
		t.Fatal("no import view for a WhatsApp export")
	}
	if !strings.Contains(v.summary.Text, "New events for "+c.Number+": 6") {
		t.Errorf("summary %q, want 6 new events (the system lines left out)", v.summary.Text)
	}
	// Only the accountant's message, ticked in the list.
	for i, m := range v.x.Messages {
		if strings.Contains(m.Text, "бухгалтер части") {
			v.ticked[i] = true
		}
	}
	v.mode.SetSelected(v.mode.Options[2])
	if !strings.Contains(v.summary.Text, ": 1 ·") {
		t.Fatalf("with one message ticked the summary says %q", v.summary.Text)
	}
	test.Tap(v.importBt)
	recvUI(v.done)
	h.wait()
	if v.err != nil {
		t.Fatalf("import: %v", v.err)
	}
	got := h.getCase(c.ID)
	if len(got.Events) != 1 || got.Events[0].From != "+7 999 000-12-34" || got.Events[0].Channel != cases.ChannelWhatsApp ||
		got.Events[0].Verification != cases.VerificationUnverified || got.Events[0].Date.String() != "2022-07-13T18:40:00Z" && !strings.HasPrefix(got.Events[0].Date.String(), "2022-07-13") {
		t.Fatalf("stored events %+v", got.Events)
	}
	if o := got.Events[0].OriginIn(&got.Person); o != cases.OriginClaimed {
		t.Errorf("the accountant's number counts as %q, want someone claiming to be him", o)
	}
	if ed.saved.Version != got.Version {
		t.Errorf("the editor shows version %d, the vault holds %d", ed.saved.Version, got.Version)
	}

	// The reminder about the file on disk: delete it, overwritten first.
	top := h.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no reminder that the export is still on disk")
	}
	if b := findButton(top, "Overwrite and delete"); b == nil {
		t.Fatal("the reminder offers no deletion")
	} else {
		test.Tap(b)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("the export is still there: %v", err)
	}

	// Importing the same export again adds nothing.
	path = chatExport(t)
	ed.openChatExport(path)
	h.wait()
	v = ed.chatImport
	for i, m := range v.x.Messages {
		if strings.Contains(m.Text, "бухгалтер части") {
			v.ticked[i] = true
		}
	}
	v.mode.SetSelected(v.mode.Options[2])
	if !strings.Contains(v.summary.Text, ": 0 ·") || !v.importBt.Disabled() {
		t.Errorf("the same message again: summary %q, import enabled %v", v.summary.Text, !v.importBt.Disabled())
	}
}

func TestChatImportBadFileChangesNothing(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	c := h.addCase(cases.Case{Status: cases.StatusOpen, Person: cases.Person{Name: "Тарас Шевчук"}})
	h.ui.openCase(c.ID)
	ed := h.editor()
	path := filepath.Join(t.TempDir(), "result.json")
	if err := os.WriteFile(path, []byte(`{"name":"not telegram","list":[1,2,3]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	ed.openChatExport(path)
	h.wait()
	if ed.chatImport != nil {
		t.Fatal("an import view for a file that is no export")
	}
	top := h.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no message for a file that is no export")
	}
	var texts bytes.Buffer
	for _, s := range visibleTexts(top) {
		texts.WriteString(s + "\n")
	}
	if !strings.Contains(texts.String(), "not a Telegram Desktop export") {
		t.Errorf("the message says:\n%s", texts.String())
	}
	if got := h.getCase(c.ID); got.Version != c.Version || len(got.Events) != 0 {
		t.Errorf("the case changed: version %d, %d events", got.Version, len(got.Events))
	}
}
