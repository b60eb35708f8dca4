package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"kintrace/cases"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

var exampleOnce sync.Once
var exampleJSON []byte

func newReportHost(t *testing.T, a fyne.App, withExample bool) *reportHost {
	t.Helper()
	v, _, err := vault.Create(filepath.Join(t.TempDir(), "v.kintrace"), []byte(testPassphrase), vault.CreateOptions{Owner: "Marina"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	if withExample {
		exampleOnce.Do(func() { exampleJSON, err = os.ReadFile("../cases/testdata/example.json") })
		if err != nil {
			t.Fatal(err)
		}
		cs, err := cases.DecodeCases(exampleJSON)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := v.AddAll(context.Background(), cs); err != nil {
			t.Fatal(err)
		}
	}
	w := a.NewWindow("")
	w.Resize(fyne.NewSize(1000, 700))
	return &reportHost{win: w, v: v}
}

func setupReport(t *testing.T) (fyne.App, *reportHost) {
	t.Helper()
	t.Cleanup(crypto.UseInsecureKDFForTests())
	a := newTestApp(t)
	if err := applyLanguage("en"); err != nil {
		t.Fatal(err)
	}
	return a, newReportHost(t, a, true)
}

// saveAndWait runs the form's export to a file and returns its bytes.
func saveAndWait(t *testing.T, f *reportForm, name string) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	var got error
	called := false
	f.done = func(err error) { got, called = err, true }
	f.save(path)
	waitUI(&f.work)
	if !called || got != nil {
		t.Fatalf("export: called %v, err %v", called, got)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("%s mode = %v, want 0600", name, info.Mode().Perm())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestReportActionsRegistered(t *testing.T) {
	setupReport(t)
	want := []string{"report.action.casefile", "report.action.summary", "report.action.csv", "report.action.stats",
		"report.action.pfif", "report.action.pfif_import"}
	var got []string
	for _, a := range Actions() {
		if strings.HasPrefix(a.Label, "report.") {
			got = append(got, a.Label)
			if a.Icon == nil || a.Run == nil {
				t.Errorf("%s lacks an icon or a command", a.Label)
			}
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("report actions = %v, want %v", got, want)
	}
	for _, code := range appLanguages {
		if err := applyLanguage(code); err != nil {
			t.Fatal(err)
		}
		for _, key := range want {
			if l := lang.L(key); l == key || l == "" {
				t.Errorf("%s: %s is not translated", code, key)
			}
		}
	}
	applyLanguage("en")
}

func TestReportCaseFileExport(t *testing.T) {
	_, h := setupReport(t)
	f := showReportForm(h, docCaseFile)
	f.scope.SetSelected(lang.L("report.scope.numbers"))
	f.numbers.SetText("KT-2022-0007")
	if f.count.Text != "Cases chosen: 1" {
		t.Errorf("count = %q", f.count.Text)
	}
	f.language.SetSelectedIndex(1) // Russian
	data := saveAndWait(t, f, "case.pdf")
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Error("the case file is not a PDF")
	}
}

func TestReportCaseListAndStatistics(t *testing.T) {
	_, h := setupReport(t)
	f := showReportForm(h, docCaseList)
	if f.scope.Selected != lang.L("report.scope.list") {
		t.Errorf("default scope = %q, want the current list", f.scope.Selected)
	}
	f.columns.SetSelected([]string{f.columns.Options[0], f.columns.Options[2]}) // number, name
	data := saveAndWait(t, f, "list.csv")
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"Case number", "Name"}, {"KT-2022-0007", "Сергей Павлович Лебедев (pseudonym)"}}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("CSV = %q, want %q", rows, want)
	}

	s := showReportForm(h, docStatistics)
	stats := string(saveAndWait(t, s, "stats.csv"))
	if !strings.Contains(stats, "status,contact lost,1") || strings.Contains(stats, "Лебедев") {
		t.Errorf("statistics:\n%s", stats)
	}
}

func TestReportSummaryCopy(t *testing.T) {
	a, h := setupReport(t)
	f := showReportForm(h, docSummary)
	f.numbers.SetText("KT-2022-0007")
	f.copySummary()
	text := a.Clipboard().Content()
	if !strings.Contains(text, "SUBMISSION SUMMARY — KT-2022-0007") || strings.Contains(text, "Оксана") {
		t.Errorf("copied summary:\n%s", text)
	}
	data := saveAndWait(t, f, "summary.pdf")
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Error("the summary is not a PDF")
	}
}

func TestReportPFIFRoundTrip(t *testing.T) {
	a, h := setupReport(t)
	f := showReportForm(h, docPFIF)
	data := saveAndWait(t, f, "cases.xml")
	if !bytes.Contains(data, []byte("<pfif:full_name>Сергей Павлович Лебедев</pfif:full_name>")) {
		t.Fatalf("PFIF export:\n%s", data)
	}
	other := newReportHost(t, a, false)
	im := startPFIFImport(other, data, nil)
	waitUI(&im.work)
	if im.confirm == nil || len(im.cases) != 1 {
		t.Fatalf("import did not ask to confirm one case (%d)", len(im.cases))
	}
	var n int
	var err error
	im.done = func(got int, e error) { n, err = got, e }
	im.add()
	waitUI(&im.work)
	if err != nil || n != 1 || other.refreshed != 1 {
		t.Fatalf("import: %d cases, err %v, refreshed %d", n, err, other.refreshed)
	}
	c, err := other.v.Get(context.Background(), "01JD8Q7W3K9F2M6T4R0YB5XHCN")
	if err != nil || c.Person.Name != "Сергей Павлович Лебедев" || len(c.Events) != 2 {
		t.Errorf("imported case: %v %+v", err, c.Person)
	}

	var badErr error
	bad := startPFIFImport(other, []byte("<not pfif/>"), func(_ int, e error) { badErr = e })
	waitUI(&bad.work)
	if bad.confirm != nil {
		t.Error("a broken file asked to confirm an import")
	}
	if reportErrorMessage(badErr) != lang.L("report.err.pfif_invalid") {
		t.Errorf("broken file: %v", badErr)
	}
}
