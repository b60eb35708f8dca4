package cli

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const chatCasesJSON = `{"format":1,"cases":[
 {"number":"KT-C-0001","status":"contact_lost","person":{"name":"Андрей Петренко","phones":["+7 912 555-01-23"]}},
 {"number":"KT-C-0002","status":"contact_lost","person":{"name":"Tom Carter"}}]}`

const chatFixtures = "../cases/intake/chat/testdata/"

func TestImportChat(t *testing.T) {
	_, envv := newTestVault(t)
	if code, _, errs := run(t, envv, chatCasesJSON, "case", "add", "--json", "-"); code != 0 {
		t.Fatalf("case add: %s", errs)
	}
	ru := chatFixtures + "whatsapp_android_ru.txt"
	args := []string{"import", "chat", ru, "--case", "KT-C-0001", "--me", "Марина (фонд)", "--tz", "Europe/Moscow"}

	code, out, errs := run(t, envv, "", append(args, "--dry-run")...)
	if code != 0 {
		t.Fatalf("dry run: %d %s", code, errs)
	}
	for _, s := range []string{"WhatsApp export: 8 messages, 2 of them the app's own lines.", "Case KT-C-0001: 6 new events; 0 messages",
		"+7 999 000-12-34: 3", "Ольга Петренко: 2", "Attachments: 0 to store; 1 named but not in the export.", "Dry run: nothing was imported."} {
		if !strings.Contains(out, s) {
			t.Errorf("dry run lacks %q:\n%s", s, out)
		}
	}
	_, show, _ := run(t, envv, "", "case", "show", "KT-C-0001", "--json")
	if strings.Contains(show, "бухгалтер") {
		t.Fatal("the dry run imported")
	}

	code, out, errs = run(t, envv, "", args...)
	if code != 0 || !strings.Contains(out, "Imported 6 events and 0 attachments into KT-C-0001.") {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	_, show, _ = run(t, envv, "", "case", "show", "KT-C-0001", "--json")
	for _, s := range []string{`"date": "2022-07-13T15:40:00Z"`, `"from": "+7 999 000-12-34"`, `"source": "chat export"`, "Последний раз звонил из колонии,\\nсказал"} {
		if !strings.Contains(show, s) {
			t.Errorf("case lacks %s:\n%s", s, show)
		}
	}
	// Again: nothing new.
	code, out, _ = run(t, envv, "", args...)
	if code != 0 || !strings.Contains(out, "0 new events; 6 messages already in the timeline are skipped.") || !strings.Contains(out, "Nothing new to import.") {
		t.Errorf("second import: %d %s", code, out)
	}

	// The same "accountant" wrote to a second family, in English, from an
	// iPhone, in a zip with the photo.
	photo, err := os.ReadFile(chatFixtures + "telegram/photos/photo_1@12-07-2022_14-07-10.jpg")
	if err != nil {
		t.Fatal(err)
	}
	text, _ := os.ReadFile(chatFixtures + "whatsapp_ios_en.txt")
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("_chat.txt")
	w.Write(text)
	w, _ = zw.Create("00000012-PHOTO-2022-07-14-18-40-11.jpg")
	w.Write(photo)
	zw.Close()
	zp := filepath.Join(t.TempDir(), "WhatsApp Chat - Helen Carter.zip")
	os.WriteFile(zp, b.Bytes(), 0o600)
	code, out, errs = run(t, envv, "", "import", "chat", zp, "--case", "KT-C-0002", "--from", "2022-07-14", "--to", "2022-07-14")
	if code != 0 || !strings.Contains(out, "Imported 2 events and 1 attachments into KT-C-0002.") {
		t.Fatalf("zip import: %d %s %s", code, out, errs)
	}
	_, out, _ = run(t, envv, "", "attachments", "KT-C-0002")
	if !strings.Contains(out, "00000012-PHOTO-2022-07-14-18-40-11.jpg") {
		t.Errorf("attachments:\n%s", out)
	}

	_, out, _ = run(t, envv, "", "shared", "--min", "2")
	if !strings.Contains(out, "+79990001234") || !strings.Contains(out, "KT-C-0001, KT-C-0002") {
		t.Errorf("the accountant's number is not shared:\n%s", out)
	}
}

func TestImportChatBadInput(t *testing.T) {
	_, envv := newTestVault(t)
	run(t, envv, chatCasesJSON, "case", "add", "--json", "-")
	_, before, _ := run(t, envv, "", "case", "show", "KT-C-0001", "--json")
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(data), 0o600)
		return p
	}
	for _, c := range []struct{ file, want string }{
		{write("a.json", `{"x": 1}`), "line 1: this JSON is not a Telegram Desktop export"},
		{write("b.json", "{\n\"messages\": [,]}"), "line 2: this JSON is not a Telegram"},
		{write("c.txt", "12.07.22, 10:00 - Ann: hi\n\x00\x01garbage"), "line 2: this is binary data"},
		{write("d.txt", "just some notes\n"), "not a WhatsApp or Telegram chat export"},
		{write("e.zip", "PK\x03\x04truncated"), "the zip archive is damaged or incomplete"},
		{write("f.txt", "12.07.22, 10:00 - \xc0\xed\xff: \xef\xf0\xe8\xe2\xe5\xf2\n"), "line 1: the text is not in UTF-8"},
	} {
		code, _, errs := run(t, envv, "", "import", "chat", c.file, "--case", "KT-C-0001")
		if code != 1 || !strings.Contains(errs, c.want) {
			t.Errorf("%s: %d %q", filepath.Base(c.file), code, errs)
		}
	}
	if code, _, errs := run(t, envv, "", "import", "chat", chatFixtures+"whatsapp_android_ru.txt"); code != 2 || !strings.Contains(errs, "--case") {
		t.Errorf("no case: %d %s", code, errs)
	}
	if code, _, errs := run(t, envv, "", "import", "chat", chatFixtures+"whatsapp_android_ru.txt", "--case", "KT-C-0001", "--from", "July"); code != 2 || !strings.Contains(errs, "YYYY-MM-DD") {
		t.Errorf("bad date: %d %s", code, errs)
	}
	_, after, _ := run(t, envv, "", "case", "show", "KT-C-0001", "--json")
	if after != before {
		t.Error("a failed import changed the case")
	}
}
