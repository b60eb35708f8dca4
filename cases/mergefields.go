package cases

import (
	"reflect"
	"slices"
	"strings"
)

// Merging two cases about one person keeps one of them (its id, number and
// history) and adds the other to it. These functions say which one to keep
// by default, list the fields a person compares side by side, and apply
// the choices made there. Vault.Merge does the merge itself.

// Fullness measures how much a case holds: one point for every filled
// single field of the person and of the case (the assignee, the notes),
// and one for every alias, number, handle, tag, reporter, event, place,
// promise and attachment (attachments are stored beside the case, so the
// caller counts them). Status and priority always hold a value and do not
// count.
func Fullness(c Case, attachments int) int {
	n := attachments
	for _, f := range mergeFields {
		if f.rule == MergeUnite && f.key != "person.features" && f.key != "notes" {
			n += reflect.ValueOf(f.field(&c)).Elem().Len()
			continue
		}
		if f.rule == MergeChoose && (f.key == "status" || f.key == "priority") {
			continue
		}
		if !fieldEmpty(f.field(&c)) {
			n++
		}
	}
	return n
}

// KeepFirst reports whether a merge of a and b should keep a (and merge b
// into it) by default: the fuller case is kept, so that what most of the
// work went into keeps its number; between equally full cases, the older
// one (created first, else the smaller id, as ids grow with time). attA
// and attB are the cases' numbers of attachments.
func KeepFirst(a, b Case, attA, attB int) bool {
	fa, fb := Fullness(a, attA), Fullness(b, attB)
	if fa != fb {
		return fa > fb
	}
	switch {
	case !a.CreatedAt.IsZero() && !b.CreatedAt.IsZero() && !a.CreatedAt.Equal(b.CreatedAt):
		return a.CreatedAt.Before(b.CreatedAt)
	case a.CreatedAt.IsZero() != b.CreatedAt.IsZero():
		return !a.CreatedAt.IsZero() // a case not saved yet is the newer
	case a.ID != b.ID && a.ID != "" && b.ID != "":
		return a.ID < b.ID
	}
	return a.ID != "" // a saved case over one not saved yet
}

// MergeRule is what a merge does with a field that differs.
type MergeRule int

const (
	// MergeChoose: the field holds one value; the merged case keeps the
	// kept case's value or the other's, as the person chooses.
	MergeChoose MergeRule = iota
	// MergeUnite: the merged case holds both: lists are united (each item
	// once), texts that differ are kept both.
	MergeUnite
)

// MergeField is one row of the side-by-side comparison of two cases.
type MergeField struct {
	// Key names the field as Diff does ("person.name", "status",
	// "events"); "person.name" stands for the name and its pseudonym flag.
	Key     string
	Rule    MergeRule
	Differs bool
}

type mergeField struct {
	key   string
	rule  MergeRule
	field func(c *Case) any // a pointer to the field (for person.name, to Name)
}

// mergeFields are the compared fields, in the order the comparison shows
// them.
var mergeFields = []mergeField{
	{"person.name", MergeChoose, func(c *Case) any { return &c.Person.Name }},
	{"person.aliases", MergeUnite, func(c *Case) any { return &c.Person.Aliases }},
	{"person.birth_date", MergeChoose, func(c *Case) any { return &c.Person.BirthDate }},
	{"person.sex", MergeChoose, func(c *Case) any { return &c.Person.Sex }},
	{"person.phones", MergeUnite, func(c *Case) any { return &c.Person.Phones }},
	{"person.handles", MergeUnite, func(c *Case) any { return &c.Person.Handles }},
	{"person.facility", MergeChoose, func(c *Case) any { return &c.Person.Facility }},
	{"person.region", MergeChoose, func(c *Case) any { return &c.Person.Region }},
	{"person.unit", MergeChoose, func(c *Case) any { return &c.Person.Unit }},
	{"person.recruited_by", MergeChoose, func(c *Case) any { return &c.Person.RecruitedBy }},
	{"person.recruited_on", MergeChoose, func(c *Case) any { return &c.Person.RecruitedOn }},
	{"person.features", MergeUnite, func(c *Case) any { return &c.Person.Features }},
	{"status", MergeChoose, func(c *Case) any { return &c.Status }},
	{"priority", MergeChoose, func(c *Case) any { return &c.Priority }},
	{"assigned_to", MergeChoose, func(c *Case) any { return &c.AssignedTo }},
	{"tags", MergeUnite, func(c *Case) any { return &c.Tags }},
	{"reporters", MergeUnite, func(c *Case) any { return &c.Reporters }},
	{"events", MergeUnite, func(c *Case) any { return &c.Events }},
	{"places", MergeUnite, func(c *Case) any { return &c.Places }},
	{"promises", MergeUnite, func(c *Case) any { return &c.Promises }},
	{"requests", MergeUnite, func(c *Case) any { return &c.Requests }},
	{"followups", MergeUnite, func(c *Case) any { return &c.FollowUps }},
	{"notes", MergeUnite, func(c *Case) any { return &c.Notes }},
}

// MergeFields lists every field the side-by-side comparison of a and b
// shows, in its order, and whether the two differ in it.
func MergeFields(a, b Case) []MergeField {
	out := make([]MergeField, 0, len(mergeFields))
	for _, f := range mergeFields {
		va, vb := reflect.ValueOf(f.field(&a)).Elem(), reflect.ValueOf(f.field(&b)).Elem()
		differs := !equalField(va, vb)
		if f.key == "person.phones" {
			differs = !samePhones(a.Person.Phones, b.Person.Phones)
		}
		if f.key == "person.name" && a.Person.Pseudonym != b.Person.Pseudonym {
			differs = true
		}
		out = append(out, MergeField{Key: f.key, Rule: f.rule, Differs: differs})
	}
	return out
}

// equalField compares two values of a field; an empty list equals a
// missing one.
func equalField(a, b reflect.Value) bool {
	if a.Kind() == reflect.Slice && a.Len() == 0 && b.Len() == 0 {
		return true
	}
	return reflect.DeepEqual(a.Interface(), b.Interface())
}

// samePhones reports whether a and b hold the same numbers, however
// written.
func samePhones(a, b []string) bool {
	norm := func(ps []string) []string {
		out := make([]string, 0, len(ps))
		for _, p := range ps {
			out = append(out, NormalizePhone(p))
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	return slices.Equal(norm(a), norm(b))
}

// DefaultTake reports whether the merge of other into keep takes other's
// value of the field key by default: only when keep has none and other
// has one. It is false for fields that are united.
func DefaultTake(keep, other Case, key string) bool {
	i := slices.IndexFunc(mergeFields, func(f mergeField) bool { return f.key == key })
	if i < 0 || mergeFields[i].rule != MergeChoose {
		return false
	}
	f := mergeFields[i]
	return fieldEmpty(f.field(&keep)) && !fieldEmpty(f.field(&other))
}

// fieldEmpty reports whether the field behind the pointer p holds nothing;
// an unknown sex is nothing.
func fieldEmpty(p any) bool {
	v := reflect.ValueOf(p).Elem()
	switch v.Kind() {
	case reflect.Slice:
		return v.Len() == 0
	case reflect.String:
		s := strings.TrimSpace(v.String())
		return s == "" || v.Type() == reflect.TypeFor[Sex]() && Sex(s) == SexUnknown
	}
	return v.IsZero()
}

// ApplyMergeChoices sets every single-value field (MergeChoose) of merged,
// the union of other and keep, to other's value when its key is in take
// and to keep's value otherwise. When the name is taken from other, keep's
// name becomes an alias and other's leaves the aliases. United fields are
// left as they are. Neither keep nor other is changed.
func ApplyMergeChoices(merged, other, keep Case, take []string) Case {
	merged.Person.Aliases = slices.Clone(merged.Person.Aliases)
	for _, f := range mergeFields {
		if f.rule != MergeChoose {
			continue
		}
		src := keep
		if slices.Contains(take, f.key) {
			src = other
		}
		reflect.ValueOf(f.field(&merged)).Elem().Set(reflect.ValueOf(f.field(&src)).Elem())
		if f.key != "person.name" {
			continue
		}
		merged.Person.Pseudonym = src.Person.Pseudonym
		kept, dropped := src.Person.Name, keep.Person.Name
		if src.Person.Name == keep.Person.Name {
			dropped = other.Person.Name
		}
		merged.Person.Aliases = slices.DeleteFunc(merged.Person.Aliases, func(a string) bool { return sameText(a, kept) })
		if dropped != "" && !sameText(dropped, kept) &&
			!slices.ContainsFunc(merged.Person.Aliases, func(a string) bool { return sameText(a, dropped) }) {
			merged.Person.Aliases = append(merged.Person.Aliases, dropped)
		}
	}
	if len(merged.Person.Aliases) == 0 {
		merged.Person.Aliases = nil
	}
	return merged
}

func sameText(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}
