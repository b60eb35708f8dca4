package vault_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kintrace/cases/patterns"
	"kintrace/cases/vault"
	"kintrace/cases/vault/vaulttest"
)

func TestIdentLabels(t *testing.T) {
	ctx := context.Background()
	v, path, _ := vaulttest.New(t)
	phone := patterns.Identifier{Kind: patterns.IdentPhone, Key: "79125550123", Raw: "+7 912 555-01-23"}
	handle := patterns.Identifier{Kind: patterns.IdentHandle, Key: "vagner_buh"}
	if err := v.SetIdentLabel(ctx, phone, "  Wagner   accountant "); err != nil {
		t.Fatal(err)
	}
	if err := v.SetIdentLabel(ctx, handle, "recruiter"); err != nil {
		t.Fatal(err)
	}
	if err := v.SetIdentLabel(ctx, handle, ""); err != nil { // removes it
		t.Fatal(err)
	}
	if err := v.SetIdentLabel(ctx, handle, ""); err != nil { // nothing to remove: fine
		t.Fatal(err)
	}
	if err := v.SetIdentLabel(ctx, phone, strings.Repeat("x", vault.MaxIdentLabel+1)); !errors.Is(err, vault.ErrLabelTooLong) {
		t.Errorf("a long label: %v", err)
	}
	v = vaulttest.Reopen(t, v, path)
	labels, err := v.IdentLabels(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := labels.Of(phone); got != "Wagner accountant" {
		t.Errorf("phone's label %q", got)
	}
	if got := labels.Of(handle); got != "" {
		t.Errorf("removed label reads %q", got)
	}
	// Another spelling of the number is the same identifier.
	if got := labels.Of(patterns.Identifier{Kind: patterns.IdentPhone, Key: "79125550123", Raw: "8 912 555 01 23"}); got != "Wagner accountant" {
		t.Errorf("label by key: %q", got)
	}
	v.Close()
	// Neither the label nor the number is readable in the files.
	files, _ := filepath.Glob(path + "*")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{"Wagner", "79125550123", "vagner_buh"} {
			if bytes.Contains(data, []byte(secret)) {
				t.Errorf("%s holds %q in plaintext", filepath.Base(f), secret)
			}
		}
	}
}
