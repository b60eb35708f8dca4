package app

import (
	"archive/zip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kintrace/cases"
	"kintrace/cases/letter"
	"kintrace/cases/vault"
)

// letterCase is a man last seen in a colony, reported by his mother, who
// consented to be named publicly, and a neighbour, who did not.
func letterCase() cases.Case {
	return cases.Case{Number: "KT-2026-0042", Status: cases.StatusOpen,
		Person: cases.Person{Name: "Морозов Андрей Викторович", Sex: cases.SexMale, BirthDate: "1985-03-12",
			Facility: "ИК-2 Мордовия"},
		Reporters: []cases.Reporter{
			{Name: "Соседка Анна", Contact: "+7 900 000-00-00", Consent: cases.ConsentInternal},
			{Name: "Морозова Ирина Петровна", Relation: "мать", Contact: "Саранск, ул. Ленина 5", Consent: cases.ConsentPublic},
		}}
}

func setupLetter(t *testing.T) (*reportHost, string) {
	t.Helper()
	_, h := setupReport(t)
	added, err := h.v.AddAll(context.Background(), []cases.Case{letterCase()})
	if err != nil {
		t.Fatal(err)
	}
	return h, added[0].ID
}

func TestLetterDialog(t *testing.T) {
	h, id := setupLetter(t)
	d := showLetterDialog(h, id, letter.Hospital)
	if d == nil || len(h.dialogs) != 1 {
		t.Fatalf("no dialog shown")
	}
	// The window speaks English: the letter starts in English.
	if got := d.preview.Text; !strings.Contains(got, "Морозов Андрей Викторович") || !strings.Contains(got, "ИК-2 Мордовия") ||
		!strings.Contains(got, "The Chief Physician") || !strings.Contains(got, "From: Морозова Ирина Петровна (мать)") {
		t.Errorf("English preview:\n%s", got)
	}
	d.language.SetSelectedIndex(0) // Russian
	test.Type(d.ask, "Прошу сообщить, поступал ли он в июле.")
	got := d.preview.Text
	for _, w := range []string{"Морозова Андрея Викторовича", "Главному врачу", "Прошу сообщить, поступал ли он в июле.", "59-ФЗ",
		"от Морозовой Ирины Петровны (мать)"} {
		if !strings.Contains(got, w) {
			t.Errorf("Russian preview lacks %q:\n%s", w, got)
		}
	}
	for _, leak := range []string{"Ленина", "Соседка", "000-00-00"} {
		if strings.Contains(got, leak) {
			t.Errorf("the preview shows %q with the default profile", leak)
		}
	}
	d.profile.SetSelectedIndex(1) // with the contact
	if !strings.Contains(d.preview.Text, "Саранск, ул. Ленина 5") {
		t.Errorf("the contact is missing with the full profile:\n%s", d.preview.Text)
	}
	d.profile.SetSelectedIndex(2) // nobody
	if strings.Contains(d.preview.Text, "Морозова Ирина") || strings.Contains(d.preview.Text, "Ленина") {
		t.Errorf("the applicant is named with no one to be named:\n%s", d.preview.Text)
	}
	d.kind.SetSelectedIndex(6) // ICRC: no law cited
	if strings.Contains(d.preview.Text, "59-ФЗ") {
		t.Errorf("a letter to the ICRC cites 59-FZ")
	}
	if got := d.fileName(letter.PDF); got != "KT-2026-0042-letter-icrc-ru.pdf" {
		t.Errorf("file name %q", got)
	}

	dir := t.TempDir()
	for _, f := range []letter.Format{letter.PDF, letter.ODT, letter.Text} {
		path := filepath.Join(dir, "l."+string(f))
		var got error
		called := false
		d.done = func(err error) { got, called = err, true }
		d.save(path, f)
		waitUI(&d.work)
		if !called || got != nil {
			t.Fatalf("save %s: called %v, err %v", f, called, got)
		}
		info, err := os.Stat(path)
		if err != nil || info.Mode().Perm() != 0o600 {
			t.Fatalf("%s: %v %v", path, info, err)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "l.pdf")); !strings.HasPrefix(string(data), "%PDF-") {
		t.Error("the PDF is not a PDF")
	}
	if zr, err := zip.OpenReader(filepath.Join(dir, "l.odt")); err != nil || zr.File[0].Name != "mimetype" {
		t.Errorf("the ODT is not an ODT: %v", err)
	} else {
		zr.Close()
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "l.txt")); !strings.Contains(string(data), "Морозова Андрея Викторовича") {
		t.Errorf("the text file:\n%s", data)
	}
}

func TestLetterTemplateEditor(t *testing.T) {
	h, id := setupLetter(t)
	ctx := context.Background()
	d := showLetterDialog(h, id, letter.Court)
	d.language.SetSelectedIndex(0) // Russian
	d.openTemplateEditor()
	e := d.editor
	if e == nil || !strings.Contains(e.text.Text, "{{.NameGenitive}}") {
		t.Fatalf("the editor does not start from the default template")
	}
	// A broken template is refused, with its line, and nothing is saved.
	e.text.SetText("Запрос\n\n{{.Nmae}}\n")
	test.Tap(e.saveBtn)
	if !e.problem.Visible() || !strings.Contains(e.problem.Text, "line 3") {
		t.Errorf("problem %q (visible %v)", e.problem.Text, e.problem.Visible())
	}
	if _, err := h.v.Template(ctx, "court", "ru"); !errors.Is(err, vault.ErrNotFound) {
		t.Errorf("a broken template was saved: %v", err)
	}
	e.text.SetText(">> В суд\n\nО {{.NameGenitive}}: {{.Facility}}\n")
	test.Tap(e.saveBtn)
	if src, err := h.v.Template(ctx, "court", "ru"); err != nil || !strings.Contains(string(src), "О {{.NameGenitive}}") {
		t.Fatalf("saved template %q, %v", src, err)
	}
	if got := d.preview.Text; got != "В суд\n\nО Морозова Андрея Викторовича: ИК-2 Мордовия\n" {
		t.Errorf("preview with the user's template:\n%q", got)
	}
	// Another kind has its default; back to the court, the user's again.
	d.kind.SetSelectedIndex(0)
	if !strings.Contains(d.preview.Text, "59-ФЗ") {
		t.Errorf("the prison service's default template is not used:\n%s", d.preview.Text)
	}
	d.kind.SetSelectedIndex(8)
	if !strings.HasPrefix(d.preview.Text, "В суд\n") {
		t.Errorf("the court's template is not used again:\n%s", d.preview.Text)
	}
	// A new dialog finds the template in the vault; Restore default removes it.
	d2 := showLetterDialog(h, id, letter.Court)
	d2.language.SetSelectedIndex(0)
	if !strings.HasPrefix(d2.preview.Text, "В суд\n") {
		t.Errorf("a new dialog does not use the saved template:\n%s", d2.preview.Text)
	}
	d2.openTemplateEditor()
	test.Tap(d2.editor.reset)
	if _, err := h.v.Template(ctx, "court", "ru"); !errors.Is(err, vault.ErrNotFound) {
		t.Errorf("Restore default left the template: %v", err)
	}
	if !strings.Contains(d2.preview.Text, "Председателю суда") {
		t.Errorf("after Restore default:\n%s", d2.preview.Text)
	}
}

func TestDraftLetterAction(t *testing.T) {
	h, id := setupLetter(t)
	draftLetterAction(h) // nothing ticked: a note, no letter dialog
	if len(h.dialogs) != 0 {
		t.Fatalf("a letter dialog without a case")
	}
	h.selected = []string{id}
	draftLetterAction(h)
	if len(h.dialogs) != 1 {
		t.Fatalf("no letter dialog for the ticked case")
	}
}
