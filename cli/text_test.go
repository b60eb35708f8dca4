package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"kintrace/cases"
	"kintrace/cases/bundle"
)

// hostile is case text written to attack a terminal: erase the line, move
// the cursor up, set the window title, write the clipboard (OSC 52), a C1
// CSI, and a bidi override.
const hostile = "Иван\x1b[2K\x1b[1A\x1b]0;title\a\x1b]52;c;cm0gLXJmIH4=\x07\u009b2J\u202egpj.exe"

// actsOnTerminal reports the first character of s a terminal would act on
// rather than show (newline aside).
func actsOnTerminal(s string) (rune, bool) {
	for _, r := range s {
		if r != '\n' && (r < 0x20 || r >= 0x7f && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069) {
			return r, true
		}
	}
	return 0, false
}

func TestPrintable(t *testing.T) {
	tests := []struct{ in, want, wantText string }{
		{"Иван Петров", "Иван Петров", "Иван Петров"},
		{"a\x1b[2Kb", `a\x1b[2Kb`, `a\x1b[2Kb`},
		{"a\nb\tc\r", `a\nb\tc\r`, "a\nb\tc\\r"},
		{"\u009b\u202e\u2066x", `\u009b\u202e\u2066x`, `\u009b\u202e\u2066x`},
		{"bad\xffutf8", `bad\xffutf8`, `bad\xffutf8`},
		{"👨\u200d👩 a\u00a0b", "👨\u200d👩 a\u00a0b", "👨\u200d👩 a\u00a0b"},
	}
	for _, tt := range tests {
		if got := printable(tt.in); got != tt.want {
			t.Errorf("printable(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := printableText(tt.in); got != tt.wantText {
			t.Errorf("printableText(%q) = %q, want %q", tt.in, got, tt.wantText)
		}
	}
}

// TestCaseTextEscaped prints hostile case text through every printer of
// case text and finds nothing a terminal would act on.
func TestCaseTextEscaped(t *testing.T) {
	c := cases.Case{Number: "KT-1\x1b[1A", Status: cases.StatusOpen, Notes: "ok\n" + hostile,
		Person:    cases.Person{Name: hostile, Aliases: []string{hostile}, Facility: hostile},
		Reporters: []cases.Reporter{{Name: hostile, Relation: hostile}},
		Events:    []cases.Event{{Type: cases.EventCall, From: hostile, Text: hostile}}}
	printers := map[string]func(w *bytes.Buffer){
		"case show": func(w *bytes.Buffer) { printCase(w, c) },
		"case list": func(w *bytes.Buffer) {
			printCaseTable(w, []cases.Overview{{Number: c.Number, Name: hostile, Facility: hostile, Status: cases.StatusOpen}})
		},
		"bundle inspect": func(w *bytes.Buffer) {
			e := &env{ctx: context.Background(), stdout: w}
			e.printBundleInfo(&bundle.Info{SenderStatus: bundle.SenderContact, SenderName: hostile,
				Recipients: []bundle.Recipient{{Key: "age1xxxxxxxxxxxxxxxx", Name: hostile}},
				Cases:      []bundle.PlanItem{{Number: hostile, Name: hostile, Version: 1, Action: bundle.PlanNew}}})
		},
		"json": func(w *bytes.Buffer) {
			writeJSON(w, map[string]string{"name": hostile})
			var back map[string]string
			if err := json.Unmarshal(w.Bytes(), &back); err != nil || back["name"] != hostile {
				t.Errorf("escaped JSON reads back as %q, %v", back["name"], err)
			}
		},
	}
	for name, print := range printers {
		var w bytes.Buffer
		print(&w)
		if r, bad := actsOnTerminal(w.String()); bad {
			t.Errorf("%s printed %U:\n%q", name, r, w.String())
		}
		if !strings.Contains(w.String(), "Иван") {
			t.Errorf("%s lost the text around the escapes:\n%q", name, w.String())
		}
	}
}
