package cases

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
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

// ConflictFields lists the parts of a case that differ between two
// versions, in the units a user chooses between: each field of the person
// ("person.name"), and each other top-level field ("status", "events",
// "reporters"). Bookkeeping fields are left out.
func ConflictFields(local, incoming Case) []string {
	var out []string
	for _, p := range Diff(local, incoming) {
		u := fieldUnit(p)
		if u != "" && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	slices.Sort(out)
	return out
}

func fieldUnit(path string) string {
	cut := func(s string) string {
		if i := strings.IndexAny(s, ".["); i >= 0 {
			return s[:i]
		}
		return s
	}
	if rest, ok := strings.CutPrefix(path, "person."); ok {
		return "person." + cut(rest)
	}
	return cut(path)
}

// MergeCase returns local with the units listed in take (as ConflictFields
// names them) copied from incoming. Id, number and version stay local's.
func MergeCase(local, incoming Case, take []string) (Case, error) {
	var lm, im map[string]any
	lb, err := json.Marshal(local)
	if err != nil {
		return Case{}, err
	}
	ib, err := json.Marshal(incoming)
	if err != nil {
		return Case{}, err
	}
	if err := json.Unmarshal(lb, &lm); err != nil {
		return Case{}, err
	}
	if err := json.Unmarshal(ib, &im); err != nil {
		return Case{}, err
	}
	copyField := func(dst, src map[string]any, name string) {
		if val, ok := src[name]; ok {
			dst[name] = val
		} else {
			delete(dst, name)
		}
	}
	for _, u := range take {
		switch {
		case diffIgnored[u] || u == "id" || u == "number" || u == "created_at":
			continue
		case strings.HasPrefix(u, "person."):
			lp, _ := lm["person"].(map[string]any)
			ip, _ := im["person"].(map[string]any)
			if lp == nil {
				lp = map[string]any{}
				lm["person"] = lp
			}
			if ip == nil {
				ip = map[string]any{}
			}
			copyField(lp, ip, strings.TrimPrefix(u, "person."))
		default:
			copyField(lm, im, u)
		}
	}
	mb, err := json.Marshal(lm)
	if err != nil {
		return Case{}, err
	}
	var out Case
	if err := json.Unmarshal(mb, &out); err != nil {
		return Case{}, err
	}
	out.normalize()
	return out, nil
}
