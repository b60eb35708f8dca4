package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// addExample fills a new test vault with the example of case-format.md.
func addExample(t *testing.T) map[string]string {
	t.Helper()
	_, envv := newTestVault(t)
	example, err := os.ReadFile("../cases/testdata/example.json")
	if err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run(t, envv, string(example), "case", "add", "--json", "-"); code != 0 {
		t.Fatalf("case add: %d %s", code, errs)
	}
	return envv
}

func TestReportPDF(t *testing.T) {
	envv := addExample(t)
	out := filepath.Join(t.TempDir(), "case.pdf")
	code, _, errs := run(t, envv, "", "report", "pdf", "KT-2022-0007", "--out", out, "--lang", "ru", "--redact", "no-reporters")
	if code != 0 {
		t.Fatalf("report pdf: %d %s", code, errs)
	}
	info, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("PDF mode = %v, want 0600", info.Mode().Perm())
	}
	data, _ := os.ReadFile(out)
	if !strings.HasPrefix(string(data), "%PDF-") {
		t.Errorf("output is not a PDF")
	}
	if !strings.Contains(errs, "not encrypted") {
		t.Errorf("no warning that the file is not encrypted: %q", errs)
	}
	// Never overwrite.
	code, _, errs = run(t, envv, "", "report", "pdf", "KT-2022-0007", "--out", out)
	if code != 1 || !strings.Contains(errs, "exists") {
		t.Errorf("second report pdf to the same file: %d %q", code, errs)
	}
	for _, args := range [][]string{
		{"report", "pdf", "--out", out + "2"},
		{"report", "pdf", "KT-2022-0007"},
		{"report", "pdf", "KT-2022-0007", "--out", out + "3", "--redact", "nobody"},
		{"report", "pdf", "KT-2022-0007", "--out", out + "4", "--lang", "de"},
	} {
		if code, _, errs := run(t, envv, "", args...); code != 2 {
			t.Errorf("%v: exit %d (%s), want 2", args, code, errs)
		}
	}
	if code, _, _ := run(t, envv, "", "report", "pdf", "KT-NONE", "--out", out+"5"); code != 1 {
		t.Errorf("report pdf of a missing case: exit %d, want 1", code)
	}
	if _, err := os.Stat(out + "5"); err == nil {
		t.Error("a failed report left a file behind")
	}
}

func TestReportSummary(t *testing.T) {
	envv := addExample(t)
	code, out, errs := run(t, envv, "", "report", "summary", "KT-2022-0007", "--lang", "en")
	if code != 0 {
		t.Fatalf("report summary: %d %s", code, errs)
	}
	for _, w := range []string{"SUBMISSION SUMMARY — KT-2022-0007", "Сергей Павлович Лебедев", "private military company",
		"half-sister, must not be named"} {
		if !strings.Contains(out, w) {
			t.Errorf("summary lacks %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, "Оксана") {
		t.Error("the default profile names a reporter who did not consent")
	}
	envv["LANG"] = "uk_UA.UTF-8"
	if _, out, _ := run(t, envv, "", "report", "summary", "KT-2022-0007"); !strings.Contains(out, "Зникла людина") {
		t.Errorf("summary does not follow LANG=uk_UA:\n%s", out)
	}
	pdf := filepath.Join(t.TempDir(), "s.pdf")
	if code, _, errs := run(t, envv, "", "report", "summary", "KT-2022-0007", "--pdf", pdf); code != 0 {
		t.Fatalf("report summary --pdf: %d %s", code, errs)
	}
}

func TestExportCSVAndStats(t *testing.T) {
	envv := addExample(t)
	code, out, errs := run(t, envv, "", "export", "csv", "--columns", "number,name,status", "--lang", "en", "--out", "-")
	if code != 0 {
		t.Fatalf("export csv: %d %s", code, errs)
	}
	if !strings.Contains(out, "KT-2022-0007,Сергей Павлович Лебедев (pseudonym),contact lost") {
		t.Errorf("CSV:\n%s", out)
	}
	if code, _, errs := run(t, envv, "", "export", "csv", "--columns", "number,shoe", "--out", "-"); code != 1 || !strings.Contains(errs, "last_contact") {
		t.Errorf("unknown column: %d %q", code, errs)
	}
	code, out, errs = run(t, envv, "", "export", "stats", "--lang", "en", "--out", "-")
	if code != 0 {
		t.Fatalf("export stats: %d %s", code, errs)
	}
	if !strings.Contains(out, "status,contact lost,1") || strings.Contains(out, "Лебедев") || strings.Contains(out, "KT-") {
		t.Errorf("statistics:\n%s", out)
	}
}

func TestPFIFExportImport(t *testing.T) {
	envv := addExample(t)
	file := filepath.Join(t.TempDir(), "cases.pfif.xml")
	if code, _, errs := run(t, envv, "", "export", "pfif", "--out", file); code != 0 {
		t.Fatalf("export pfif: %d %s", code, errs)
	}
	_, other := newTestVault(t)
	code, out, errs := run(t, other, "", "import", "pfif", file)
	if code != 0 {
		t.Fatalf("import pfif: %d %s", code, errs)
	}
	if !strings.HasPrefix(out, "01JD8Q7W3K9F2M6T4R0YB5XHCN\t") {
		t.Errorf("import printed %q", out)
	}
	code, out, _ = run(t, other, "", "case", "show", "01JD8Q7W3K9F2M6T4R0YB5XHCN")
	if code != 0 || !strings.Contains(out, "Сергей Павлович Лебедев") {
		t.Errorf("imported case: %d\n%s", code, out)
	}
	if code, _, errs := run(t, other, "", "import", "pfif", file); code != 1 || !strings.Contains(errs, "already exists") {
		t.Errorf("second import: %d %q", code, errs)
	}
	bad := filepath.Join(t.TempDir(), "bad.xml")
	os.WriteFile(bad, []byte(`<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4"><pfif:person><pfif:x/></pfif:person></pfif:pfif>`), 0o600)
	if code, _, errs := run(t, other, "", "import", "pfif", bad); code != 1 || !strings.Contains(errs, "not valid PFIF 1.4") {
		t.Errorf("bad PFIF: %d %q", code, errs)
	}
}
