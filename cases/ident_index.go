package cases

import (
	"cmp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
)

// Identifiers is the in-memory index of the identifiers of a vault's cases
// (see ExtractIdentifiers): which cases share a phone number, a handle, a
// facility, a unit or a place. It lives only while the vault is unlocked
// and is never written to disk. The vault keeps it up to date on every save,
// import and delete. It is safe for concurrent use; the zero value is ready.
type Identifiers struct {
	mu     sync.RWMutex
	byCase map[string]*identCase
	byKey  map[identKey]*identEntry
}

type identKey struct {
	kind IdentKind
	key  string
}

// identCase is what the index keeps of one case.
type identCase struct {
	id, number, name string
	merged           bool
	first, last      time.Time
	idents           []Identifier
}

// identEntry lists the cases that hold one identifier, in no order.
type identEntry struct {
	cases map[*identCase]int // -> index in identCase.idents
}

// Put adds or replaces the identifiers of the case o.
func (x *Identifiers) Put(o Overview) {
	c := newIdentCase(&o)
	x.mu.Lock()
	defer x.mu.Unlock()
	x.putLocked(c)
}

// PutAll adds or replaces many cases at once, extracting their identifiers
// in parallel (unlock and bulk import).
func (x *Identifiers) PutAll(os []Overview) {
	cs := make([]*identCase, len(os))
	parallelChunks(len(os), func(from, to int) {
		for i := from; i < to; i++ {
			cs[i] = newIdentCase(&os[i])
		}
	})
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, c := range cs {
		x.putLocked(c)
	}
}

func newIdentCase(o *Overview) *identCase {
	c := &identCase{id: o.ID, number: o.Number, name: o.Name, idents: ExtractIdentifiers(*o)}
	c.first, c.last = seenSpan(*o)
	return c
}

// seenSpan is when a case's identifiers were first and last seen: from the
// earliest to the latest of its creation, its last sign of life and its
// last save.
func seenSpan(o Overview) (first, last time.Time) {
	for _, t := range []time.Time{o.CreatedAt, o.LastContact, o.UpdatedAt} {
		if t.IsZero() {
			continue
		}
		if first.IsZero() || t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
	}
	return first, last
}

func (x *Identifiers) putLocked(c *identCase) {
	if x.byCase == nil {
		x.byCase = map[string]*identCase{}
		x.byKey = map[identKey]*identEntry{}
	}
	if old, ok := x.byCase[c.id]; ok {
		x.unlinkLocked(old)
	}
	x.byCase[c.id] = c
	for i, id := range c.idents {
		k := identKey{id.Kind, id.Key}
		e := x.byKey[k]
		if e == nil {
			e = &identEntry{cases: map[*identCase]int{}}
			x.byKey[k] = e
		}
		e.cases[c] = i
	}
}

func (x *Identifiers) unlinkLocked(c *identCase) {
	for _, id := range c.idents {
		k := identKey{id.Kind, id.Key}
		if e := x.byKey[k]; e != nil {
			delete(e.cases, c)
			if len(e.cases) == 0 {
				delete(x.byKey, k)
			}
		}
	}
	delete(x.byCase, c.id)
}

// Remove drops a case from the index.
func (x *Identifiers) Remove(id string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if c, ok := x.byCase[id]; ok {
		x.unlinkLocked(c)
	}
}

// Clear empties the index (on lock).
func (x *Identifiers) Clear() {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.byCase, x.byKey = nil, nil
}

// Len is the number of cases indexed.
func (x *Identifiers) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.byCase)
}

// Of returns the identifiers of one case.
func (x *Identifiers) Of(id string) []Identifier {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if c, ok := x.byCase[id]; ok {
		return slices.Clone(c.idents)
	}
	return nil
}

// CaseRef names a case in the results of the identifier index.
type CaseRef struct {
	ID, Number, Name string
	// Raw is how the identifier is written in this case.
	Raw string
	// Merged reports a case merged into another (see Case.MergedInto).
	Merged bool
}

// Link is one identifier of a case and the other cases that hold it.
type Link struct {
	Ident Identifier
	Cases []CaseRef // ordered by case number
}

// Links returns, for the case id, each of its identifiers that other cases
// hold too, with those cases; identifiers held by the most cases last,
// as they tell least. A facility with a region links only to cases with
// the same region or none. Cases merged into another are left out.
func (x *Identifiers) Links(id string) []Link {
	x.mu.RLock()
	defer x.mu.RUnlock()
	c, ok := x.byCase[id]
	if !ok {
		return nil
	}
	var out []Link
	for _, ident := range c.idents {
		e := x.byKey[identKey{ident.Kind, ident.Key}]
		if e == nil {
			continue
		}
		var refs []CaseRef
		for other, i := range e.cases {
			if other == c || other.merged {
				continue
			}
			oi := other.idents[i]
			if ident.Kind == IdentFacility && !regionsMatch(ident.Region, oi.Region) {
				continue
			}
			refs = append(refs, CaseRef{ID: other.id, Number: other.number, Name: other.name, Raw: oi.Raw})
		}
		if len(refs) == 0 {
			continue
		}
		sortRefs(refs)
		out = append(out, Link{Ident: ident, Cases: refs})
	}
	slices.SortStableFunc(out, func(a, b Link) int {
		if c := cmp.Compare(len(a.Cases), len(b.Cases)); c != 0 {
			return c
		}
		return cmp.Compare(kindRank(a.Ident.Kind), kindRank(b.Ident.Kind))
	})
	return out
}

func kindRank(k IdentKind) int { return slices.Index(AllIdentKinds, k) }

func sortRefs(refs []CaseRef) {
	slices.SortFunc(refs, func(a, b CaseRef) int {
		if c := cmp.Compare(naturalKey(a.Number), naturalKey(b.Number)); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

// Shared is an identifier held by several cases.
type Shared struct {
	Ident Identifier
	Cases []CaseRef // ordered by case number
	// First and Last are the earliest and latest dates of those cases
	// (created, last sign of life, last saved).
	First, Last time.Time
}

// SharedSort orders SharedIdentifiers' results.
type SharedSort int

// The orders of shared identifiers.
const (
	SharedByCount     SharedSort = iota // most cases first
	SharedByLastSeen                    // latest "last seen" first
	SharedByFirstSeen                   // earliest "first seen" first
	SharedByLabel                       // by kind, then label
)

// SharedQuery selects shared identifiers. The zero value lists every
// identifier held by at least two cases, most cases first.
type SharedQuery struct {
	Kind IdentKind // "" for every kind
	Min  int       // fewest cases; values below 2 mean 2
	// Text keeps identifiers whose label or spelling contains it, folded
	// (digits of a phone number match however they are written).
	Text string
	Sort SharedSort
}

// Shared lists the identifiers held by at least q.Min cases that are not
// merged into another. A facility number whose cases name different
// regions is listed once per region, each with the cases that name no
// region.
func (x *Identifiers) Shared(q SharedQuery) []Shared {
	minCases := max(q.Min, 2)
	text := Fold(q.Text)
	digits := NormalizePhone(q.Text)
	x.mu.RLock()
	var out []Shared
	for k, e := range x.byKey {
		if q.Kind != "" && k.kind != q.Kind || len(e.cases) < minCases {
			continue
		}
		for _, s := range e.groups(k) {
			if len(s.Cases) < minCases || !s.matches(text, digits) {
				continue
			}
			out = append(out, s)
		}
	}
	x.mu.RUnlock()
	for i := range out {
		sortRefs(out[i].Cases)
	}
	slices.SortFunc(out, func(a, b Shared) int { return compareShared(q.Sort, a, b) })
	return out
}

func compareShared(s SharedSort, a, b Shared) int {
	var c int
	switch s {
	case SharedByLastSeen:
		c = b.Last.Compare(a.Last)
	case SharedByFirstSeen:
		c = a.First.Compare(b.First)
	case SharedByLabel:
		c = cmp.Or(cmp.Compare(kindRank(a.Ident.Kind), kindRank(b.Ident.Kind)),
			cmp.Compare(naturalKey(a.Ident.Label()), naturalKey(b.Ident.Label())))
	default:
		c = cmp.Compare(len(b.Cases), len(a.Cases))
	}
	return cmp.Or(c, cmp.Compare(kindRank(a.Ident.Kind), kindRank(b.Ident.Kind)),
		cmp.Compare(a.Ident.Key, b.Ident.Key), cmp.Compare(a.Ident.Region, b.Ident.Region))
}

func (s *Shared) matches(text, digits string) bool {
	if text == "" {
		return true
	}
	if s.Ident.Kind == IdentPhone && len(digits) >= 3 && strings.Contains(s.Ident.Key, digits) {
		return true
	}
	if strings.Contains(Fold(s.Ident.Label()), text) {
		return true
	}
	for _, c := range s.Cases {
		if strings.Contains(Fold(c.Raw), text) {
			return true
		}
	}
	return false
}

// groups splits an entry's cases into Shared identifiers: one, or for a
// facility whose cases name different regions, one per region. Caller holds
// the read lock.
func (e *identEntry) groups(k identKey) []Shared {
	type member struct {
		c     *identCase
		ident Identifier
	}
	var regions []string // distinct region stems, shortest first
	members := make([]member, 0, len(e.cases))
	for c, i := range e.cases {
		if c.merged {
			continue
		}
		id := c.idents[i]
		members = append(members, member{c, id})
		if k.kind == IdentFacility && id.Region != "" && !slices.Contains(regions, id.Region) {
			regions = append(regions, id.Region)
		}
	}
	// Regions that may be the same ("perm", "permski") form one cluster,
	// named by its shortest stem.
	slices.SortFunc(regions, func(a, b string) int { return cmp.Or(cmp.Compare(len(a), len(b)), cmp.Compare(a, b)) })
	var clusters []string
	for _, r := range regions {
		if !slices.ContainsFunc(clusters, func(c string) bool { return regionsMatch(c, r) }) {
			clusters = append(clusters, r)
		}
	}
	if len(clusters) <= 1 {
		s := Shared{}
		for _, m := range members {
			s.add(m.c, m.ident)
		}
		if len(clusters) == 1 {
			s.Ident.Region = clusters[0]
		}
		return []Shared{s}
	}
	out := make([]Shared, len(clusters))
	for i, r := range clusters {
		for _, m := range members {
			if regionsMatch(r, m.ident.Region) {
				out[i].add(m.c, m.ident)
			}
		}
		out[i].Ident.Region = r
	}
	return out
}

func (s *Shared) add(c *identCase, id Identifier) {
	if len(s.Cases) == 0 {
		region := s.Ident.Region
		s.Ident = id
		s.Ident.Region = region
	}
	s.Cases = append(s.Cases, CaseRef{ID: c.id, Number: c.number, Name: c.name, Raw: id.Raw})
	if !c.first.IsZero() && (s.First.IsZero() || c.first.Before(s.First)) {
		s.First = c.first
	}
	if c.last.After(s.Last) {
		s.Last = c.last
	}
}

// CasesWith returns the cases that hold an identifier (kind and key as in
// Identifier), including merged ones, ordered by case number.
func (x *Identifiers) CasesWith(kind IdentKind, key string) []CaseRef {
	x.mu.RLock()
	defer x.mu.RUnlock()
	e := x.byKey[identKey{kind, key}]
	if e == nil {
		return nil
	}
	refs := make([]CaseRef, 0, len(e.cases))
	for c, i := range e.cases {
		refs = append(refs, CaseRef{ID: c.id, Number: c.number, Name: c.name, Raw: c.idents[i].Raw, Merged: c.merged})
	}
	sortRefs(refs)
	return refs
}

// parallelChunks runs fn over [0, n) split into one chunk per CPU.
func parallelChunks(n int, fn func(from, to int)) {
	workers := min(runtime.GOMAXPROCS(0), max(1, n/256))
	if workers <= 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	step := (n + workers - 1) / workers
	for from := 0; from < n; from += step {
		wg.Add(1)
		go func(from, to int) {
			defer wg.Done()
			fn(from, to)
		}(from, min(n, from+step))
	}
	wg.Wait()
}

// Identifiers is the vault's identifier index, kept up to date on every
// save, import and delete while the vault is unlocked, and emptied on Lock.
func (v *Vault) Identifiers() *Identifiers { return &v.idents }
