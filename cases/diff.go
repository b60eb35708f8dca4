package cases

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
)

// Diff lists the field paths whose values differ between two versions of a
// case, in the case-format's names ("person.name", "events[2].text",
// "tags"). Bookkeeping fields (version, updated_at, updated_by) are left out.
func Diff(a, b Case) []string {
	var ma, mb any
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	json.Unmarshal(ja, &ma)
	json.Unmarshal(jb, &mb)
	var out []string
	diffValue("", ma, mb, &out)
	sort.Strings(out)
	return out
}

var diffIgnored = map[string]bool{"version": true, "updated_at": true, "updated_by": true}

func diffValue(path string, a, b any, out *[]string) {
	switch av := a.(type) {
	case map[string]any:
		bv, ok := b.(map[string]any)
		if !ok {
			*out = append(*out, path)
			return
		}
		keys := map[string]bool{}
		for k := range av {
			keys[k] = true
		}
		for k := range bv {
			keys[k] = true
		}
		for k := range keys {
			p := k
			if path != "" {
				p = path + "." + k
			} else if diffIgnored[k] {
				continue
			}
			diffValue(p, av[k], bv[k], out)
		}
	case []any:
		bv, ok := b.([]any)
		if !ok {
			*out = append(*out, path)
			return
		}
		// Lists of scalars (tags, aliases, phones) change as a whole.
		if len(av) > 0 && !isComposite(av[0]) || len(bv) > 0 && !isComposite(bv[0]) {
			if !reflect.DeepEqual(av, bv) {
				*out = append(*out, path)
			}
			return
		}
		n := max(len(av), len(bv))
		for i := range n {
			var x, y any
			if i < len(av) {
				x = av[i]
			}
			if i < len(bv) {
				y = bv[i]
			}
			diffValue(fmt.Sprintf("%s[%d]", path, i), x, y, out)
		}
	default:
		if !reflect.DeepEqual(a, b) {
			*out = append(*out, path)
		}
	}
}

func isComposite(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return true
	}
	return false
}
