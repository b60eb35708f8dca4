package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"
)

// fieldNames are the case-format field names that have a translated label
// ("editor.field.<name>"). Paths of other fields are shown as they are.
var fieldNames = []string{
	"status", "priority", "tags", "assigned_to", "notes", "person", "name", "pseudonym", "aliases",
	"birth_date", "sex", "features", "phones", "handles", "channel", "value", "facility", "region",
	"unit", "recruited_by", "recruited_on", "reporters", "relation", "contact", "safety", "consent",
	"language", "events", "date", "approx", "type", "from", "text", "place", "source", "verification",
	"places", "kind", "lat", "lon", "confidence", "promises", "what", "amount", "currency", "by",
	"honoured", "id", "number", "created_at", "origin", "confirmed_by",
}

// fieldLabel is the translated label of one field name, or the name itself.
func fieldLabel(name string) string {
	if key, ok := caseworkFieldKeys[name]; ok { // editor_requests.go
		return lang.L(key)
	}
	for _, n := range fieldNames {
		if n == name {
			key := "editor.field." + name
			return lang.L(key)
		}
	}
	return name
}

// listItemKeys name one item of a list field ("Event 3").
var listItemKeys = map[string]string{
	"reporters": "editor.path.reporter",
	"events":    "editor.path.event",
	"places":    "editor.path.place",
	"promises":  "editor.path.promise",
	"handles":   "editor.path.handle",
	"phones":    "editor.path.phone",
	"aliases":   "editor.path.alias",
	"tags":      "editor.path.tag",
}

// pathLabel translates a field path of a case for people: "person.name"
// becomes "Person › Name", "events[2].text" "Event 3 › Words or summary".
func pathLabel(path string) string {
	var parts []string
	for _, seg := range strings.Split(path, ".") {
		name, index := seg, -1
		if i := strings.IndexByte(seg, '['); i > 0 && strings.HasSuffix(seg, "]") {
			if n, err := strconv.Atoi(seg[i+1 : len(seg)-1]); err == nil {
				name, index = seg[:i], n
			}
		}
		if key, ok := listItemKeys[name]; ok && index >= 0 {
			parts = append(parts, lang.L(key, map[string]any{"N": index + 1}))
			continue
		}
		label := fieldLabel(name)
		if index >= 0 {
			label += " " + strconv.Itoa(index+1)
		}
		parts = append(parts, label)
	}
	return strings.Join(parts, " › ")
}

// changedSummary lists the changed paths of a version for its history row.
func changedSummary(paths []string) string {
	labels := make([]string, len(paths))
	for i, p := range paths {
		labels[i] = pathLabel(p)
	}
	return strings.Join(labels, ", ")
}
