package app

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"
)

// mergedTranslations is the messages the GUI loads for code: the main
// translation file with every feature's files registered from init.
func mergedTranslations(t *testing.T, code string) map[string]string {
	t.Helper()
	data, err := translationData(code)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("merged %s translations: %v", code, err)
	}
	return m
}

func readEditorTranslations(t *testing.T, code string) (map[string]string, []byte) {
	t.Helper()
	data, err := editorTranslations.ReadFile("translations/editor/" + code + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("editor %s.json: %v", code, err)
	}
	return m, data
}

// TestEditorTranslations checks the editor's own files: the same keys in
// every language, the same placeholders, no empty message, canonical form,
// and a label for every enumeration value and field name the editor shows
// through a computed key.
func TestEditorTranslations(t *testing.T) {
	en, _ := readEditorTranslations(t, "en")
	var computed []string
	for kind, values := range enumKinds {
		for _, v := range values {
			computed = append(computed, "enum."+kind+"."+v)
		}
	}
	for _, f := range fieldNames {
		computed = append(computed, "editor.field."+f)
	}
	for _, code := range appLanguages {
		m, data := readEditorTranslations(t, code)
		for k, v := range en {
			got, ok := m[k]
			if !ok || got == "" {
				t.Errorf("editor %s.json lacks %q", code, k)
				continue
			}
			if a, b := placeholder.FindAllString(got, -1), placeholder.FindAllString(v, -1); !sameSet(a, b) {
				t.Errorf("editor %s.json %q uses %v, en uses %v", code, k, a, b)
			}
		}
		for k := range m {
			if _, ok := en[k]; !ok {
				t.Errorf("editor %s.json has %q, which en.json lacks", code, k)
			}
		}
		for _, k := range computed {
			if m[k] == "" {
				t.Errorf("editor %s.json lacks %q", code, k)
			}
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(m); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, want.Bytes()) {
			t.Errorf("editor %s.json is not canonical", code)
		}
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
