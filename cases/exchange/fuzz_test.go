package exchange_test

import (
	"encoding/json"
	"testing"

	"kintrace/cases/exchange"
)

// FuzzParseMessage: exchange.json from anyone never panics, and what it
// accepts encodes back to a message it accepts again.
func FuzzParseMessage(f *testing.F) {
	f.Add([]byte(`{"format":1,"kind":"receipt","bundle":"0123456789abcdef0123456789abcdef","holds":[{"id":"c1","version":2,"sha256":"` +
		"ab0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd"[:64] + `"}],"attachments":["a1"]}`))
	f.Add([]byte(`{"format":1,"kind":"deletions","deletions":[{"id":"c1","version":3}]}`))
	f.Add([]byte(`{"format":1,"kind":"receipt","bundle":"0123456789abcdef0123456789abcdef","deletions":[{"id":"c1","version":3,"deleted":true}]}`))
	f.Add([]byte(`{"format":2}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := exchange.ParseMessage(data)
		if err != nil {
			return
		}
		again, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := exchange.ParseMessage(again); err != nil {
			t.Fatalf("re-encoded message refused: %v", err)
		}
	})
}

// TestParseMessage: the forms ParseMessage refuses.
func TestParseMessage(t *testing.T) {
	const bundle = `"bundle":"0123456789abcdef0123456789abcdef"`
	good := `{"format":1,"kind":"receipt",` + bundle + `}`
	if _, err := exchange.ParseMessage([]byte(good)); err != nil {
		t.Fatalf("a valid receipt: %v", err)
	}
	for _, bad := range []string{
		`{"format":2,"kind":"receipt",` + bundle + `}`,
		`{"format":1,"kind":"invoice",` + bundle + `}`,
		`{"format":1,"kind":"receipt","bundle":"xyz"}`,
		`{"format":1,"kind":"receipt",` + bundle + `,"extra":1}`,
		good + `{}`,
		`{"format":1,"kind":"receipt",` + bundle + `,"holds":[{"id":"c1","version":0,"sha256":"00"}]}`,
		`{"format":1,"kind":"receipt",` + bundle + `,"attachments":["../x"]}`,
		`{"format":1,"kind":"deletions","deletions":[]}`,
		`{"format":1,"kind":"deletions","deletions":[{"id":"c1","version":1,"deleted":true}]}`,
	} {
		if _, err := exchange.ParseMessage([]byte(bad)); err == nil {
			t.Errorf("accepted %s", bad)
		}
	}
}
