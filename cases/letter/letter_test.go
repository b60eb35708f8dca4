package letter_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kintrace/cases"
	"kintrace/cases/letter"
)

var day = time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)

// exampleCase is a man last seen in a colony, reported by his mother, who
// consented to be named publicly.
func exampleCase() cases.Case {
	return cases.Case{
		ID: "c1", Number: "KT-2026-0042", Status: cases.Status("open"),
		Person: cases.Person{
			Name: "Морозов Андрей Викторович", Sex: cases.SexMale, BirthDate: "1985-03-12",
			Facility: "ИК-2 Мордовия", Region: "Республика Мордовия", Unit: "в/ч 12345",
		},
		Reporters: []cases.Reporter{
			{Name: "Соседка Анна", Relation: "соседка", Contact: "+7 900 000-00-00", Consent: cases.ConsentInternal},
			{Name: "Морозова Ирина Петровна", Relation: "мать", Contact: "Саранск, ул. Ленина 5, +7 912 555-01-23", Consent: cases.ConsentPublic},
		},
	}
}

var asks = map[letter.Lang]string{
	letter.Russian:   "Прошу сообщить, куда этапирован заключённый после 14 июля.",
	letter.Ukrainian: "Прошу повідомити, куди етаповано засудженого після 14 липня.",
	letter.English:   "Please tell me where the prisoner was transferred after 14 July.",
}

var genitives = map[letter.Lang]string{
	letter.Russian:   "Морозова Андрея Викторовича",
	letter.Ukrainian: "Морозова Андрея Викторовича",
	letter.English:   "Морозов Андрей Викторович",
}

func render(t *testing.T, c cases.Case, kind letter.Kind, lang letter.Lang, profile cases.Redaction, ask string) *letter.Letter {
	t.Helper()
	in := letter.FromCase(&c, letter.Options{Kind: kind, Lang: lang, Ask: ask, Profile: profile, Now: day, Place: "Саранск"})
	l, err := letter.Render(in, nil)
	if err != nil {
		t.Fatalf("%s/%s: %v", kind, lang, err)
	}
	return l
}

// flat joins the words of s with single spaces, so that a phrase is found
// across the lines a PDF wraps it into.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// odtContent checks an ODT's zip structure and XML and returns its
// content.xml.
func odtContent(t *testing.T, data []byte) string {
	t.Helper()
	// The type at its fixed offset: the first entry, "mimetype", stored.
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) || string(data[30:38]) != "mimetype" ||
		!bytes.HasPrefix(data[38:], []byte("application/vnd.oasis.opendocument.text")) {
		t.Fatalf("the ODT does not start with its stored mimetype: %q", data[:80])
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if zr.File[0].Name != "mimetype" || zr.File[0].Method != zip.Store || len(zr.File[0].Extra) != 0 {
		t.Errorf("first entry %q method %d extra %d; want mimetype stored without extra fields", zr.File[0].Name, zr.File[0].Method, len(zr.File[0].Extra))
	}
	files := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		files[f.Name] = string(b)
	}
	for _, name := range []string{"META-INF/manifest.xml", "content.xml", "styles.xml", "meta.xml"} {
		doc, ok := files[name]
		if !ok {
			t.Fatalf("the ODT has no %s", name)
		}
		dec := xml.NewDecoder(strings.NewReader(doc))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", name, err)
			}
		}
	}
	// The manifest lists every file but itself and the mimetype.
	for name := range files {
		if name != "mimetype" && name != "META-INF/manifest.xml" && !strings.Contains(files["META-INF/manifest.xml"], `"`+name+`"`) {
			t.Errorf("the manifest does not list %s", name)
		}
	}
	return files["content.xml"]
}

// xmlChars is the character data of an XML document, as one line.
func xmlChars(t *testing.T, doc string) string {
	t.Helper()
	var b strings.Builder
	dec := xml.NewDecoder(strings.NewReader(doc))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.CharData:
			b.Write(tok)
		case xml.EndElement:
			b.WriteByte('\n')
		case xml.StartElement:
			if tok.Name.Local == "s" {
				b.WriteByte(' ')
			}
		}
	}
	return flat(b.String())
}

// TestLetters renders a letter for every authority kind in Russian,
// Ukrainian and English, as PDF, ODT and text, and reads each back: the
// person's name in the letter's case, the date of birth, the last known
// facility and what is asked are there, and the applicant with their
// contact (the profile "full").
func TestLetters(t *testing.T) {
	c := exampleCase()
	for _, lang := range letter.Langs {
		for _, kind := range letter.Kinds {
			l := render(t, c, kind, lang, cases.RedactNone, asks[lang])
			want := []string{genitives[lang], "ИК-2 Мордовия", asks[lang], "Морозова Ирина Петровна", "+7 912 555-01-23"}
			if lang == letter.English {
				want = append(want, "12 March 1985")
			} else {
				want = append(want, "12.03.1985")
			}
			var pdf, odt, txt bytes.Buffer
			for f, buf := range map[letter.Format]*bytes.Buffer{letter.PDF: &pdf, letter.ODT: &odt, letter.Text: &txt} {
				if err := l.Write(buf, f); err != nil {
					t.Fatalf("%s/%s %s: %v", kind, lang, f, err)
				}
			}
			pdfPath := filepath.Join(t.TempDir(), "letter.pdf")
			if err := os.WriteFile(pdfPath, pdf.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			texts := map[string]string{
				"pdf":  flat(pdfText(t, pdf.Bytes())),
				"odt":  xmlChars(t, odtContent(t, odt.Bytes())),
				"text": flat(txt.String()),
			}
			if s, ok := popplerText(t, pdfPath); ok {
				texts["pdftotext"] = flat(s)
			}
			for src, text := range texts {
				for _, w := range want {
					if !strings.Contains(text, w) {
						t.Errorf("%s/%s %s: %q missing from:\n%s", kind, lang, src, w, text)
					}
				}
				if strings.Contains(text, "Соседка") {
					t.Errorf("%s/%s %s: a reporter without public consent is named", kind, lang, src)
				}
			}
		}
	}
}

// TestLegalBasis: Russian letters cite 59-FZ and its 30 days, Ukrainian
// ones the Law on Citizens' Appeals with 45 days at most, and letters to
// the ICRC (and English ones by default) no law.
func TestLegalBasis(t *testing.T) {
	c := exampleCase()
	tests := []struct {
		kind    letter.Kind
		lang    letter.Lang
		want    []string
		notWant []string
	}{
		{letter.PrisonService, letter.Russian, []string{"59-ФЗ", "30 дней"}, nil},
		{letter.Court, letter.Ukrainian, []string{"Про звернення громадян", "сорока п’яти днів"}, []string{"59-ФЗ"}},
		{letter.ICRC, letter.Russian, nil, []string{"59-ФЗ"}},
		{letter.ICRC, letter.English, nil, []string{"59-FZ", "Article"}},
		{letter.DefenceMinistry, letter.English, nil, []string{"59-FZ"}},
	}
	for _, tt := range tests {
		text := render(t, c, tt.kind, tt.lang, "", "").PlainText()
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s/%s: %q missing", tt.kind, tt.lang, w)
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(text, w) {
				t.Errorf("%s/%s: %q should not be there", tt.kind, tt.lang, w)
			}
		}
	}
	in := letter.FromCase(&c, letter.Options{Kind: letter.DefenceMinistry, Lang: letter.English, Now: day})
	in.Jurisdiction = letter.Russia
	l, err := letter.Render(in, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(l.Text, "59-FZ") {
		t.Errorf("an English letter under Russian law does not cite 59-FZ:\n%s", l.Text)
	}
}

// TestRedaction: the default profile names a consenting applicant but
// leaves their contact out; "no reporters" names no one; a reporter
// without public consent is never named.
func TestRedaction(t *testing.T) {
	c := exampleCase()
	for _, lang := range letter.Langs {
		for _, p := range []cases.Redaction{"", cases.RedactPublicOnly, cases.RedactReporterIdentity} {
			l := render(t, c, letter.MilitaryUnit, lang, p, "")
			var pdf, odt bytes.Buffer
			if err := l.WritePDF(&pdf); err != nil {
				t.Fatal(err)
			}
			if err := l.WriteODT(&odt); err != nil {
				t.Fatal(err)
			}
			for src, text := range map[string]string{"text": flat(l.PlainText()), "pdf": flat(pdfText(t, pdf.Bytes())), "odt": xmlChars(t, odtContent(t, odt.Bytes()))} {
				for _, leak := range []string{"555-01-23", "Ленина", "000-00-00", "Соседка"} {
					if strings.Contains(text, leak) {
						t.Errorf("%s profile %q %s: %q is in the letter", lang, p, src, leak)
					}
				}
				named := strings.Contains(text, "Морозова Ирина Петровна")
				if want := p != cases.RedactReporterIdentity; named != want {
					t.Errorf("%s profile %q %s: applicant named %v, want %v", lang, p, src, named, want)
				}
				if !strings.Contains(text, "______") {
					t.Errorf("%s profile %q %s: no blank left for the reply address", lang, p, src)
				}
			}
		}
	}
	// No reporter may be named: the letter still renders, with blanks.
	c.Reporters[1].Consent = cases.ConsentPartners
	l := render(t, c, letter.Hospital, letter.Russian, cases.RedactNone, "")
	if strings.Contains(l.Text, "Морозова Ирина") || strings.Contains(l.Text, "555-01-23") {
		t.Errorf("a reporter consenting to partners only is named:\n%s", l.Text)
	}
}

func TestTemplateErrors(t *testing.T) {
	tests := []struct {
		src  string
		line int
	}{
		{"Hello {{.Name}}\n\nDear {{.Name\n", 3},
		{"line one\n{{if .Name}}\nno end\n", 0},
		{"a\nb\n{{.NoSuchField}}\n", 3},
		{"{{range .Name}}x{{end}}", 1},
		{"a\n{{printf \"%0999999d\" 1}}", 2},
		{"a\n\n{{define \"x\"}}y{{end}}", 3},
		{"{{template \"letter\"}}", 1},
		{"{{$x := .Name}}{{$x}}", 1},
		{"{{call .Name}}", 1},
		{"{{index .Name 1}}", 1},
	}
	for _, tt := range tests {
		_, err := letter.Parse([]byte(tt.src))
		var te *letter.TemplateError
		if !errors.As(err, &te) || !errors.Is(err, letter.ErrTemplate) {
			t.Errorf("Parse(%q) = %v, want a *TemplateError", tt.src, err)
			continue
		}
		if tt.line > 0 && te.Line != tt.line {
			t.Errorf("Parse(%q): line %d, want %d (%v)", tt.src, te.Line, tt.line, err)
		}
		if te.Detail == "" {
			t.Errorf("Parse(%q): no detail", tt.src)
		}
	}
	if _, err := letter.Parse(bytes.Repeat([]byte("a"), letter.MaxTemplate+1)); !errors.Is(err, letter.ErrTooLong) {
		t.Errorf("a long template: %v, want ErrTooLong", err)
	}
}

// TestUserTemplate: a template the user wrote renders with the case's
// data and the safe functions.
func TestUserTemplate(t *testing.T) {
	tpl, err := letter.Parse([]byte(">> {{upper .Authority}}\n# Letter\n\nAbout {{.NameGenitive}} ({{default \"unit unknown\" .Unit}}).\n{{if .HasApplicant}}From {{.ApplicantName}}{{end}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	c := exampleCase()
	c.Person.Unit = ""
	in := letter.FromCase(&c, letter.Options{Kind: letter.Court, Lang: letter.Russian, Authority: "Ленинский районный суд", Now: day})
	l, err := letter.Render(in, tpl)
	if err != nil {
		t.Fatal(err)
	}
	want := "ЛЕНИНСКИЙ РАЙОННЫЙ СУД\nLetter\n\nAbout Морозова Андрея Викторовича (unit unknown).\nFrom Морозова Ирина Петровна\n"
	if got := l.PlainText(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestDefaultsParse: every embedded template parses.
func TestDefaultsParse(t *testing.T) {
	for _, lang := range letter.Langs {
		for _, kind := range letter.Kinds {
			src, err := letter.Default(kind, lang)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := letter.Parse(src); err != nil {
				t.Errorf("%s/%s: %v", lang, kind, err)
			}
		}
	}
	if _, err := letter.Default("embassy", letter.Russian); !errors.Is(err, letter.ErrKind) {
		t.Errorf("unknown kind: %v", err)
	}
}

func TestFormatOf(t *testing.T) {
	for name, want := range map[string]letter.Format{"a.pdf": letter.PDF, "B.ODT": letter.ODT, "c.txt": letter.Text} {
		if got, err := letter.FormatOf(name); err != nil || got != want {
			t.Errorf("FormatOf(%q) = %q, %v", name, got, err)
		}
	}
	if _, err := letter.FormatOf("a.docx"); !errors.Is(err, letter.ErrFormat) {
		t.Errorf("FormatOf(a.docx): %v", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, lang := range letter.Langs {
		for _, kind := range letter.Kinds {
			src, _ := letter.Default(kind, lang)
			f.Add(src)
		}
	}
	f.Add([]byte("{{if .Name}}{{else}}{{end}}{{with .Unit}}{{.}}{{end}}"))
	c := exampleCase()
	in := letter.FromCase(&c, letter.Options{Kind: letter.Other, Lang: letter.Russian, Now: day})
	f.Fuzz(func(t *testing.T, src []byte) {
		tpl, err := letter.Parse(src)
		if err != nil {
			return
		}
		l, err := letter.Render(in, tpl)
		if err != nil {
			return
		}
		if len(l.Text) > letter.MaxLetter+1 {
			t.Fatalf("a letter of %d bytes", len(l.Text))
		}
		if err := l.WriteODT(io.Discard); err != nil {
			t.Fatal(err)
		}
	})
}

// TestLongLetter: a letter longer than a page goes on to a second page,
// numbered, with nothing lost.
func TestLongLetter(t *testing.T) {
	c := exampleCase()
	ask := strings.Repeat("Прошу сообщить сведения о переводе осуждённого в другое учреждение. ", 60) + "КОНЕЦ-ПРОСЬБЫ"
	l := render(t, c, letter.Court, letter.Russian, "", ask)
	var pdf bytes.Buffer
	if err := l.WritePDF(&pdf); err != nil {
		t.Fatal(err)
	}
	text := flat(pdfText(t, pdf.Bytes()))
	for _, w := range []string{"КОНЕЦ-ПРОСЬБЫ", "2 / 2", "Морозова Андрея Викторовича", "59-ФЗ"} {
		if !strings.Contains(text, w) {
			t.Errorf("%q missing from a two-page letter", w)
		}
	}
	if strings.Contains(text, "1 / 2") {
		t.Errorf("the first page carries a page number")
	}
}
