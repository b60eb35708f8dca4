package cases

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Change is one field that differs between two versions of a case, with
// its value before and after as text ("" when absent).
type Change struct {
	Path     string // as Diff names it: "person.name", "events[2].text"
	Old, New string
}

// Changes lists what differs between two versions of a case, field by
// field, in Diff's order, with the values: scalars as written, lists of
// words joined with ", ", and a whole added or removed item (an event, a
// place) as its fields "name: value" joined with "; ".
func Changes(before, after Case) []Change {
	var ta, tb any
	ja, _ := json.Marshal(before)
	jb, _ := json.Marshal(after)
	json.Unmarshal(ja, &ta)
	json.Unmarshal(jb, &tb)
	var out []Change
	for _, p := range Diff(before, after) {
		out = append(out, Change{Path: p, Old: valueText(lookupPath(ta, p)), New: valueText(lookupPath(tb, p))})
	}
	return out
}

// lookupPath finds the value at a Diff path in a decoded JSON tree; nil if
// there is none.
func lookupPath(tree any, path string) any {
	cur := tree
	for path != "" {
		var key string
		switch {
		case path[0] == '[':
			end := strings.IndexByte(path, ']')
			if end < 0 {
				return nil
			}
			i, err := strconv.Atoi(path[1:end])
			list, ok := cur.([]any)
			if err != nil || !ok || i < 0 || i >= len(list) {
				return nil
			}
			cur, path = list[i], path[end+1:]
			continue
		case path[0] == '.':
			path = path[1:]
			continue
		}
		end := strings.IndexAny(path, ".[")
		if end < 0 {
			end = len(path)
		}
		key, path = path[:end], path[end:]
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[key]
	}
	return cur
}

// valueText renders a decoded JSON value for a person to read.
func valueText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		if x {
			return "true"
		}
		return "false"
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			if s := valueText(e); s != "" {
				parts = append(parts, s)
			}
		}
		if len(x) > 0 && isComposite(x[0]) {
			return strings.Join(parts, " | ")
		}
		return strings.Join(parts, ", ")
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			if s := valueText(x[k]); s != "" {
				parts = append(parts, k+": "+s)
			}
		}
		return strings.Join(parts, "; ")
	}
	return fmt.Sprint(v)
}
