package vault_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kintrace/cases/vault"
	"kintrace/cases/vault/vaulttest"
)

// TestTemplates: a letter template is kept sealed, read back after the
// vault reopens, listed, replaced, and removed by an empty text.
func TestTemplates(t *testing.T) {
	ctx := context.Background()
	v, path, _ := vaulttest.New(t)
	if _, err := v.Template(ctx, "icrc", "en"); !errors.Is(err, vault.ErrNotFound) {
		t.Fatalf("no template yet: %v, want ErrNotFound", err)
	}
	ru := []byte(">> {{.Authority}}\n\nЗапрос о розыске {{.NameGenitive}}, Мордовия\n")
	if err := v.SetTemplate(ctx, "prison_service", "ru", ru); err != nil {
		t.Fatal(err)
	}
	if err := v.SetTemplate(ctx, "icrc", "en", []byte("first")); err != nil {
		t.Fatal(err)
	}
	if err := v.SetTemplate(ctx, "icrc", "en", []byte("Tracing request, Zaporizhzhia")); err != nil {
		t.Fatal(err)
	}
	if err := v.SetTemplate(ctx, "court", "uk", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := v.SetTemplate(ctx, "court", "uk", []byte("  \n")); err != nil { // removes it
		t.Fatal(err)
	}
	if err := v.SetTemplate(ctx, "court", "uk", nil); err != nil { // nothing to remove: fine
		t.Fatal(err)
	}
	if err := v.SetTemplate(ctx, "court", "uk", bytes.Repeat([]byte("x"), vault.MaxTemplate+1)); !errors.Is(err, vault.ErrTemplateTooLong) {
		t.Errorf("a long template: %v", err)
	}
	v = vaulttest.Reopen(t, v, path)
	got, err := v.Template(ctx, "prison_service", "ru")
	if err != nil || !bytes.Equal(got, ru) {
		t.Errorf("Template(prison_service, ru) = %q, %v", got, err)
	}
	all, err := v.Templates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, tp := range all {
		ids = append(ids, tp.Kind+"/"+tp.Lang+"="+string(tp.Text))
	}
	want := "icrc/en=Tracing request, Zaporizhzhia|prison_service/ru=" + string(ru)
	if strings.Join(ids, "|") != want {
		t.Errorf("Templates = %q, want %q", strings.Join(ids, "|"), want)
	}
	v.Close()
	files, _ := filepath.Glob(path + "*")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{"Zaporizhzhia", "Tracing request", "prison_service", "letter-template", "NameGenitive"} {
			if bytes.Contains(data, []byte(secret)) {
				t.Errorf("%s holds %q in plaintext", filepath.Base(f), secret)
			}
		}
	}
}
