package cli

import (
	"strings"
	"testing"

	"kintrace/cases/vault"
)

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, out, errOut := run(t, nil, "", args...)
		if code != 0 || errOut != "" {
			t.Fatalf("%v: exit %d, stderr %q", args, code, errOut)
		}
		b := vault.BuildInfo()
		for _, want := range []string{"Kintrace " + b.Version + "\n", "vault format  " + vault.FormatVersion,
			"SQLite        3.", "Go            " + b.Go, "platform      " + b.Platform} {
			if !strings.Contains(out, want) {
				t.Errorf("%v: output lacks %q:\n%s", args, want, out)
			}
		}
	}
	if code, _, errOut := run(t, nil, "", "version", "extra"); code != 2 || errOut == "" {
		t.Errorf("version extra: exit %d, stderr %q; want a usage error", code, errOut)
	}
}
