package vault

import (
	"cmp"
	"encoding/json"
	"reflect"
	"slices"

	"kintrace/cases"
	"kintrace/cases/search"
)

// MergeCases returns into with everything of from added: events,
// reporters, places, promises, tags, aliases (from's name among them),
// phones and handles, each once; into's empty fields take from's values;
// notes and features that differ are kept both. into's other values win.
// MergedFrom gains from's id. Neither argument is changed.
func MergeCases(from, into cases.Case) cases.Case {
	m := cloneCase(into)
	f := cloneCase(from)
	p, q := &m.Person, &f.Person

	for _, name := range append([]string{q.Name}, q.Aliases...) {
		if name != "" && search.Fold(name) != search.Fold(p.Name) && !slices.ContainsFunc(p.Aliases, func(a string) bool { return search.Fold(a) == search.Fold(name) }) {
			p.Aliases = append(p.Aliases, name)
		}
	}
	for _, ph := range q.Phones {
		if !slices.ContainsFunc(p.Phones, func(x string) bool { return cases.NormalizePhone(x) == cases.NormalizePhone(ph) }) {
			p.Phones = append(p.Phones, ph)
		}
	}
	for _, h := range q.Handles {
		if !slices.ContainsFunc(p.Handles, func(x cases.Handle) bool {
			return x.Channel == h.Channel && cases.HandleKey(x.Value) == cases.HandleKey(h.Value)
		}) {
			p.Handles = append(p.Handles, h)
		}
	}
	if p.BirthDate.IsZero() {
		p.BirthDate = q.BirthDate
	}
	if p.Sex == "" || p.Sex == cases.SexUnknown {
		p.Sex = cmp.Or(q.Sex, p.Sex)
	}
	p.Features = joinDistinct(p.Features, q.Features, "; ")
	p.Facility = cmp.Or(p.Facility, q.Facility)
	p.Region = cmp.Or(p.Region, q.Region)
	p.Unit = cmp.Or(p.Unit, q.Unit)
	p.RecruitedBy = cmp.Or(p.RecruitedBy, q.RecruitedBy)
	if p.RecruitedOn.IsZero() {
		p.RecruitedOn = q.RecruitedOn
	}

	m.Priority = cmp.Or(m.Priority, f.Priority)
	m.AssignedTo = cmp.Or(m.AssignedTo, f.AssignedTo)
	for _, t := range f.Tags {
		if !slices.Contains(m.Tags, t) {
			m.Tags = append(m.Tags, t)
		}
	}
	m.Reporters = unionDeep(m.Reporters, f.Reporters)
	m.Events = unionDeep(m.Events, f.Events)
	slices.SortStableFunc(m.Events, func(a, b cases.Event) int {
		switch {
		case a.Date.IsZero() || b.Date.IsZero():
			return 0
		}
		return a.Date.Compare(b.Date)
	})
	m.Places = unionDeep(m.Places, f.Places)
	m.Promises = unionDeep(m.Promises, f.Promises)
	m.Requests = unionDeep(m.Requests, f.Requests)
	m.FollowUps = unionDeep(m.FollowUps, f.FollowUps)
	uniqueCaseworkIDs(&m)
	m.Notes = joinDistinct(m.Notes, f.Notes, "\n\n")
	if !slices.Contains(m.MergedFrom, f.ID) {
		m.MergedFrom = append(m.MergedFrom, f.ID)
	}
	return m
}

func joinDistinct(a, b, sep string) string {
	switch {
	case b == "" || a == b:
		return a
	case a == "":
		return b
	}
	return a + sep + b
}

// uniqueCaseworkIDs gives a new id to a request or follow-up whose id an
// earlier one of the merged case already has (two cases' items that met
// by chance; the ids are random).
func uniqueCaseworkIDs(c *cases.Case) {
	seen := map[string]bool{}
	fresh := func(id *string) {
		if *id != "" && seen[*id] {
			*id = cases.NewItemID()
		}
		seen[*id] = true
	}
	for i := range c.Requests {
		fresh(&c.Requests[i].ID)
	}
	for i := range c.FollowUps {
		fresh(&c.FollowUps[i].ID)
	}
}

// unionDeep appends the items of b that are not already in a.
func unionDeep[T any](a, b []T) []T {
	for _, x := range b {
		if !slices.ContainsFunc(a, func(y T) bool { return reflect.DeepEqual(x, y) }) {
			a = append(a, x)
		}
	}
	return a
}

// cloneCase returns a deep copy of c.
func cloneCase(c cases.Case) cases.Case {
	data, err := json.Marshal(c)
	if err != nil {
		panic("cases: a case that cannot be encoded: " + err.Error())
	}
	var out cases.Case
	if err := json.Unmarshal(data, &out); err != nil {
		panic("cases: a case that cannot be decoded: " + err.Error())
	}
	return out
}
