package cli

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// addLetterCase adds a case whose mother consented to be named publicly.
func addLetterCase(t *testing.T) map[string]string {
	t.Helper()
	_, envv := newTestVault(t)
	c := `{"number":"KT-2026-0042","status":"open","person":{"name":"Морозов Андрей Викторович","sex":"male",` +
		`"birth_date":"1985-03-12","facility":"ИК-2 Мордовия"},"reporters":[{"name":"Морозова Ирина Петровна",` +
		`"relation":"мать","contact":"Саранск, ул. Ленина 5","consent":"public"}]}`
	if code, _, errs := run(t, envv, c, "case", "add", "--json", "-"); code != 0 {
		t.Fatalf("case add: %d %s", code, errs)
	}
	return envv
}

func TestLetter(t *testing.T) {
	envv := addLetterCase(t)
	code, out, errs := run(t, envv, "", "letter", "KT-2026-0042", "--to", "prison_service", "--lang", "ru", "--out", "-",
		"--ask", "Прошу сообщить, куда этапирован осуждённый.")
	if code != 0 {
		t.Fatalf("letter: %d %s", code, errs)
	}
	for _, w := range []string{"о розыске Морозова Андрея Викторовича", "12.03.1985", "ИК-2 Мордовия",
		"Прошу сообщить, куда этапирован осуждённый.", "59-ФЗ", "от Морозовой Ирины Петровны (мать)"} {
		if !strings.Contains(out, w) {
			t.Errorf("letter lacks %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, "Ленина") {
		t.Errorf("the applicant's contact is in a letter without --redact full:\n%s", out)
	}
	code, out, _ = run(t, envv, "", "letter", "KT-2026-0042", "--to", "icrc", "--lang", "en", "--redact", "full", "--out", "-")
	if code != 0 || !strings.Contains(out, "Саранск, ул. Ленина 5") || strings.Contains(out, "59-FZ") {
		t.Errorf("letter --redact full to the ICRC: %d\n%s", code, out)
	}

	dir := t.TempDir()
	for _, name := range []string{"l.pdf", "l.odt", "l.txt"} {
		p := filepath.Join(dir, name)
		if code, _, errs := run(t, envv, "", "letter", "KT-2026-0042", "--to", "court", "--lang", "uk", "--out", p); code != 0 {
			t.Fatalf("letter --out %s: %d %s", name, code, errs)
		}
		info, err := os.Stat(p)
		if err != nil || info.Mode().Perm() != 0o600 {
			t.Fatalf("%s: %v %v", name, info, err)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "l.pdf")); !strings.HasPrefix(string(data), "%PDF-") {
		t.Error("l.pdf is not a PDF")
	}
	if zr, err := zip.OpenReader(filepath.Join(dir, "l.odt")); err != nil || zr.File[0].Name != "mimetype" {
		t.Errorf("l.odt is not an ODT: %v", err)
	} else {
		zr.Close()
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "l.txt")); !strings.Contains(string(data), "Морозова Андрея Викторовича") {
		t.Errorf("l.txt:\n%s", data)
	}

	for _, args := range [][]string{
		{"letter", "KT-2026-0042", "--out", "-"},
		{"letter", "KT-2026-0042", "--to", "embassy", "--out", "-"},
		{"letter", "KT-2026-0042", "--to", "court"},
		{"letter", "KT-2026-0042", "--to", "court", "--out", filepath.Join(dir, "l.docx")},
		{"letter", "KT-2026-0042", "--to", "court", "--lang", "de", "--out", "-"},
		{"letter", "KT-2026-0042", "--to", "court", "--redact", "nobody", "--out", "-"},
	} {
		if code, _, errs := run(t, envv, "", args...); code != 2 {
			t.Errorf("%v: exit %d (%s), want 2", args, code, errs)
		}
	}
}

func TestLetterTemplate(t *testing.T) {
	envv := addLetterCase(t)
	envv["LANG"] = "ru_RU.UTF-8"
	code, out, _ := run(t, envv, "", "letter", "template", "hospital")
	if code != 0 || !strings.Contains(out, "{{.NameGenitive}}") || !strings.Contains(out, "Главному врачу") && !strings.Contains(out, "{{.Authority}}") {
		t.Fatalf("letter template hospital: %d\n%s", code, out)
	}
	// A broken template is refused with its line.
	code, _, errs := run(t, envv, "Запрос\n\n{{.Name\n", "letter", "template", "hospital", "--set", "-")
	if code != 1 || !strings.Contains(errs, "line 3") {
		t.Errorf("a broken template: %d %q", code, errs)
	}
	code, _, errs = run(t, envv, "Запрос\n{{.Nmae}}\n", "letter", "template", "hospital", "--set", "-")
	if code != 1 || !strings.Contains(errs, "line 2") {
		t.Errorf("a misspelt field: %d %q", code, errs)
	}
	if code, _, errs := run(t, envv, ">> Главврачу\n\nО {{.NameGenitive}}: {{.Facility}}\n", "letter", "template", "hospital", "--set", "-"); code != 0 {
		t.Fatalf("letter template --set: %d %s", code, errs)
	}
	code, out, errs = run(t, envv, "", "letter", "KT-2026-0042", "--to", "hospital", "--out", "-")
	if code != 0 || out != "Главврачу\n\nО Морозова Андрея Викторовича: ИК-2 Мордовия\n" {
		t.Errorf("a letter from the saved template: %d %q %s", code, out, errs)
	}
	if code, _, errs := run(t, envv, "", "letter", "template", "hospital", "--reset"); code != 0 {
		t.Fatalf("--reset: %d %s", code, errs)
	}
	code, out, _ = run(t, envv, "", "letter", "KT-2026-0042", "--to", "hospital", "--out", "-")
	if code != 0 || !strings.Contains(out, "Главному врачу") {
		t.Errorf("after --reset: %d\n%s", code, out)
	}
}
