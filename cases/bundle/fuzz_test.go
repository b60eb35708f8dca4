package bundle_test

import (
	"testing"

	"kintrace/cases/bundle"
)

// FuzzBundleJSON feeds the parsers of history.json and attachments.json
// (signed, but written by a sender who may be hostile) arbitrary bytes
// against a fixed manifest: they must never panic.
func FuzzBundleJSON(f *testing.F) {
	m := &bundle.Manifest{Cases: []bundle.ManifestCase{{ID: "A1", Version: 2, SHA256: "00",
		Parents: []bundle.ManifestVersion{{Version: 1, SHA256: "11"}}}},
		Entries: []bundle.ManifestEntry{{Name: "cases.json"}, {Name: "history.json"}, {Name: "attachments.json"},
			{Name: "attachments/x1", Size: 3, SHA256: "ab"}}}
	f.Add([]byte(`{"format":1,"revisions":[{"id":"A1","version":1,"saved_at":"2026-01-01T00:00:00Z","case":{"status":"open","person":{"name":"x"}}},{"id":"A1","version":2,"saved_at":"2026-01-01T00:00:00Z"}]}`),
		[]byte(`{"format":1,"attachments":[{"id":"X1","case":"A1","name":"a.png","type":"image/png","size":3,"sha256":"ab","added_at":"2026-01-01T00:00:00Z"}]}`))
	f.Add([]byte(`{}`), []byte(`[]`))
	f.Fuzz(func(t *testing.T, history, attachments []byte) {
		bundle.DecodeBundleJSON(m, history, attachments)
	})
}
