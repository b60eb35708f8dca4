package report_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kintrace/cases"
	"kintrace/cases/report"
)

var prepared = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

// exampleCase is the example of case-format.md (the package cases fixture).
func exampleCase(t testing.TB) cases.Case {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "example.json"))
	if err != nil {
		t.Fatal(err)
	}
	cs, err := cases.DecodeCases(data)
	if err != nil {
		t.Fatalf("DecodeCases: %v", err)
	}
	return cs[0]
}

// renderCaseFile writes the case file PDF to a file in dir and returns its
// bytes and path.
func renderCaseFile(t *testing.T, cs []cases.Case, opt report.Options) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	if opt.Now.IsZero() {
		opt.Now = prepared
	}
	if err := report.CaseFile(context.Background(), &buf, cs, opt); err != nil {
		t.Fatalf("CaseFile: %v", err)
	}
	path := filepath.Join(t.TempDir(), "case.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), path
}

// squash removes spaces and line breaks, so that a phrase wrapped over two
// lines of a table cell still matches.
func squash(s string) string {
	return strings.Join(strings.Fields(s), "")
}

func TestCaseFileText(t *testing.T) {
	c := exampleCase(t)
	tests := []struct {
		lang report.Lang
		want []string
	}{
		{report.English, []string{
			"CASE FILE", "CONFIDENTIAL", "Page 1 of 2", "Page 2 of 2", "Missing person", "Timeline",
			"Message received", "Contact lost", "approx. July 2022", "10 July 2022", "unverified",
			"corroborated", "training ground", "probable", "monthly pay", "200,000 RUB",
			"pardon after six months", "half-sister", "Signal only, evenings",
		}},
		{report.Russian, []string{
			"МАТЕРИАЛЫ ДЕЛА", "КОНФИДЕНЦИАЛЬНО", "Стр. 1 из 2", "Стр. 2 из 2", "Пропавший человек", "Хронология",
			"Получено сообщение", "Связь потеряна", "прибл. июль 2022", "10 июля 2022", "не проверено",
			"подкреплено", "полигон", "вероятно", "200 000 RUB", "half-sister",
		}},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang), func(t *testing.T) {
			data, path := renderCaseFile(t, []cases.Case{c}, report.Options{Lang: tt.lang, Profile: cases.RedactNone})
			if !bytes.HasPrefix(data, []byte("%PDF-")) {
				t.Fatalf("output does not start with %%PDF-")
			}
			common := []string{
				"Сергей Павлович Лебедев", "Sergei Lebedev", "Серёжа", "Оксана", "KT-2022-0007",
				"+7 912 555-01-23", "IK-17, Mordovia", "Republic of Mordovia", "private military company",
				"+7 999 000-44-17", "Asked for a copy of mother's passport so that she can receive his wages.",
				"Rostov Oblast", "reporter", "message of 2022-07-10", "tattoo of an anchor on the left forearm",
				"Mother was keen at first",
			}
			text := squash(pdfText(t, data))
			for _, w := range append(common, tt.want...) {
				if !strings.Contains(text, squash(w)) {
					t.Errorf("PDF text lacks %q", w)
				}
			}
			if pt, ok := popplerText(t, path); ok {
				pt = squash(pt)
				for _, w := range []string{"Сергей Павлович Лебедев", "Серёжа", "Оксана", "reporter", "wages"} {
					if !strings.Contains(pt, squash(w)) {
						t.Errorf("pdftotext output lacks %q", w)
					}
				}
			} else {
				t.Log("pdftotext is not installed; checked the PDF's own text only")
			}
		})
	}
}

func TestCaseFileRedacted(t *testing.T) {
	c := exampleCase(t)
	// A timeline entry that names the reporter and repeats her contact.
	c.Events = append(c.Events, cases.Event{Date: cases.DayDate(2022, 8, 2), Type: cases.EventNote,
		Text: "Оксана called again (Signal only, evenings)", Source: "Оксана", Verification: cases.VerificationUnverified})
	c.Reporters = append(c.Reporters, cases.Reporter{Name: "Мария Иванова", Relation: "mother",
		Contact: "+7 900 111-22-33", Safety: "lives near the colony", Consent: cases.ConsentPublic, Language: "ru"})
	secret := []string{"Оксана", "Signal only", "evenings", "do not phone", "hostile", "Mother was keen"}
	tests := []struct {
		profile     cases.Redaction
		mustShow    []string
		mustNotShow []string
	}{
		{cases.RedactReporterIdentity, []string{"half-sister", "mother", "[withheld]"},
			append(secret, "Мария Иванова", "+7 900 111-22-33", "lives near the colony")},
		{cases.RedactPublicOnly, []string{"Мария Иванова", "mother", "[withheld]"},
			append(secret, "+7 900 111-22-33", "lives near the colony")},
		{cases.RedactNone, append([]string{"Мария Иванова", "+7 900 111-22-33"}, secret...), nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.profile), func(t *testing.T) {
			for _, lang := range report.Langs {
				data, path := renderCaseFile(t, []cases.Case{c}, report.Options{Lang: lang, Profile: tt.profile})
				texts := []string{pdfText(t, data)}
				if pt, ok := popplerText(t, path); ok {
					texts = append(texts, pt)
				}
				for _, text := range texts {
					text = squash(text)
					for _, w := range tt.mustNotShow {
						if strings.Contains(text, squash(w)) {
							t.Errorf("%s: PDF shows %q", lang, w)
						}
					}
					if lang != report.English {
						continue
					}
					for _, w := range tt.mustShow {
						if !strings.Contains(text, squash(w)) {
							t.Errorf("%s: PDF lacks %q", lang, w)
						}
					}
				}
			}
		})
	}
}

func TestCaseFileManyCases(t *testing.T) {
	c := exampleCase(t)
	long := strings.Repeat("A long message that goes on and on about nothing in particular. ", 200)
	c.Events = append(c.Events, cases.Event{Type: cases.EventNote, Text: long + " 🙂 漢字 end-of-text"})
	var cs []cases.Case
	for i := range 5 {
		d := c
		d.Number = "KT-TEST-" + string(rune('A'+i))
		cs = append(cs, d)
	}
	var calls []int
	data, _ := renderCaseFile(t, cs, report.Options{Progress: func(done, total int) {
		if total != 5 {
			t.Errorf("progress total = %d, want 5", total)
		}
		calls = append(calls, done)
	}})
	if len(calls) != 5 || calls[4] != 5 {
		t.Errorf("progress calls = %v, want 1..5", calls)
	}
	text := pdfText(t, data)
	for _, w := range []string{"KT-TEST-A", "KT-TEST-E", "end-of-text"} {
		if !strings.Contains(text, w) {
			t.Errorf("PDF text lacks %q", w)
		}
	}
	if strings.Contains(text, "🙂") {
		t.Error("an emoji the font lacks was set instead of replaced")
	}
}

func TestCaseFileCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := report.CaseFile(ctx, &bytes.Buffer{}, []cases.Case{exampleCase(t)}, report.Options{})
	if err != context.Canceled {
		t.Errorf("CaseFile with a cancelled context = %v, want context.Canceled", err)
	}
	if err := report.CaseFile(context.Background(), &bytes.Buffer{}, nil, report.Options{}); err != report.ErrNoCases {
		t.Errorf("CaseFile of no cases = %v, want ErrNoCases", err)
	}
}

func TestCaseFileDeterministic(t *testing.T) {
	c := exampleCase(t)
	a, _ := renderCaseFile(t, []cases.Case{c}, report.Options{Lang: report.Ukrainian})
	b, _ := renderCaseFile(t, []cases.Case{c}, report.Options{Lang: report.Ukrainian})
	if !bytes.Equal(a, b) {
		t.Error("two renders of the same case with the same date differ")
	}
	if bytes.Contains(a, []byte("Лебедев")) || bytes.Contains(a, []byte("Lebedev")) {
		t.Error("the name appears outside the compressed page streams (metadata?)")
	}
}
