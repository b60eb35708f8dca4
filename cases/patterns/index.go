package patterns

import (
	"cmp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"kintrace/cases"
	"kintrace/cases/search"
)

// Identifiers is the in-memory index of the identifiers of a vault's cases
// (see ExtractIdentifiers): which cases share a phone number, a handle, a
// facility, a unit or a place. It lives only while the vault is unlocked
// and is never written to disk. The vault keeps it up to date on every save,
// import and delete. It is safe for concurrent use; the zero value is ready.
// At unlock it is filled in the background (PutAllLater): its readers wait
// for that, and Ready tells when they would not.
type Identifiers struct {
	mu     sync.RWMutex
	byCase map[string]*identCase
	byKey  map[identKey]identEntry
	// build is the background build under way (PutAllLater), nil when
	// there is none; see later.go.
	build *build
}

type identKey struct {
	kind IdentKind
	key  string
}

// identCase is what the index keeps of one case.
type identCase struct {
	id, number, name string
	sortKey          string // NaturalKey(number)
	merged           bool
	first, last      time.Time
	idents           []Identifier
}

// identEntry lists the cases that hold one identifier, in no order. Most
// identifiers (a relative's number) are in one case only, so the first
// posting is kept inline and the rest in a slice.
type identEntry struct {
	one  posting
	more []posting
}

func (e *identEntry) len() int {
	if e.one.c == nil {
		return 0
	}
	return 1 + len(e.more)
}

// each yields the postings.
func (e *identEntry) each(yield func(posting) bool) {
	if e.one.c == nil || !yield(e.one) {
		return
	}
	for _, p := range e.more {
		if !yield(p) {
			return
		}
	}
}

func (e *identEntry) add(p posting) {
	if e.one.c == nil {
		e.one = p
		return
	}
	e.more = append(e.more, p)
}

// remove drops the posting of c.
func (e *identEntry) remove(c *identCase) {
	last := len(e.more) - 1
	if e.one.c == c {
		if last < 0 {
			e.one = posting{}
			return
		}
		e.one = e.more[last]
	} else {
		j := slices.IndexFunc(e.more, func(p posting) bool { return p.c == c })
		if j < 0 {
			return
		}
		e.more[j] = e.more[last]
	}
	e.more[last] = posting{}
	e.more = e.more[:last]
}

type posting struct {
	c *identCase
	i int32 // index in c.idents
}

func (p posting) ident() *Identifier { return &p.c.idents[p.i] }

// Put adds or replaces the identifiers of the case o.
func (x *Identifiers) Put(o cases.Overview) {
	c := newIdentCase(&o, nil)
	x.mu.Lock()
	defer x.mu.Unlock()
	x.build.supersede(c.id)
	x.putLocked(c)
}

// PutAll adds or replaces many cases at once, extracting their identifiers
// in parallel (unlock and bulk import).
func (x *Identifiers) PutAll(os []cases.Overview) { x.PutBatch(Prepare(os)) }

// A Batch is PutAll's first step done ahead, off the index's lock: the
// identifiers of many cases, extracted.
type Batch struct {
	cs []*identCase
}

// Prepare extracts the identifiers of os on every CPU, for PutBatch.
func Prepare(os []cases.Overview) *Batch {
	cs := make([]*identCase, len(os))
	parallelChunks(len(os), func(from, to int) {
		memo := map[memoKey][]Identifier{}
		for i := from; i < to; i++ {
			cs[i] = newIdentCase(&os[i], memo)
		}
	})
	return &Batch{cs}
}

// PutBatch adds or replaces the cases b was prepared from.
func (x *Identifiers) PutBatch(b *Batch) {
	cs := b.cs
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.byCase == nil {
		x.byCase = make(map[string]*identCase, len(cs))
		x.byKey = make(map[identKey]identEntry, len(cs)*4)
	}
	for _, c := range cs {
		x.build.supersede(c.id)
		x.putLocked(c)
	}
}

func newIdentCase(o *cases.Overview, memo map[memoKey][]Identifier) *identCase {
	c := &identCase{id: o.ID, number: o.Number, name: o.Name, sortKey: search.NaturalKey(o.Number),
		merged: o.MergedInto != "", idents: extractIdentifiers(o, memo)}
	c.first, c.last = seenSpan(o)
	return c
}

// seenSpan is when a case's identifiers were first and last seen: from the
// earliest to the latest of its creation, its last sign of life and its
// last save.
func seenSpan(o *cases.Overview) (first, last time.Time) {
	for _, t := range [...]time.Time{o.CreatedAt, o.LastContact, o.LastSign, o.UpdatedAt} {
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
		x.byKey = map[identKey]identEntry{}
	}
	if old, ok := x.byCase[c.id]; ok {
		x.unlinkLocked(old)
	}
	x.byCase[c.id] = c
	for i, id := range c.idents {
		k := identKey{id.Kind, id.Key}
		e := x.byKey[k]
		e.add(posting{c, int32(i)})
		x.byKey[k] = e
	}
}

func (x *Identifiers) unlinkLocked(c *identCase) {
	for _, id := range c.idents {
		k := identKey{id.Kind, id.Key}
		e, ok := x.byKey[k]
		if !ok {
			continue
		}
		e.remove(c)
		if e.len() == 0 {
			delete(x.byKey, k)
		} else {
			x.byKey[k] = e
		}
	}
	delete(x.byCase, c.id)
}

// Remove drops a case from the index.
func (x *Identifiers) Remove(id string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.build.supersede(id)
	if c, ok := x.byCase[id]; ok {
		x.unlinkLocked(c)
	}
}

// Clear empties the index (on lock), abandoning a build under way.
func (x *Identifiers) Clear() {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.byCase, x.byKey = nil, nil
	x.build.abandon()
	x.build = nil
}

// Len is the number of cases indexed.
func (x *Identifiers) Len() int {
	x.rlock()
	defer x.mu.RUnlock()
	return len(x.byCase)
}

// Of returns the identifiers of one case.
func (x *Identifiers) Of(id string) []Identifier {
	x.rlock()
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

// refs turns postings into CaseRefs ordered by case number.
func refs(ps []posting) []CaseRef {
	slices.SortFunc(ps, func(a, b posting) int {
		return cmp.Or(cmp.Compare(a.c.sortKey, b.c.sortKey), cmp.Compare(a.c.id, b.c.id))
	})
	out := make([]CaseRef, len(ps))
	for i, p := range ps {
		out[i] = CaseRef{ID: p.c.id, Number: p.c.number, Name: p.c.name, Raw: p.ident().Raw, Merged: p.c.merged}
	}
	return out
}

// Link is one identifier of a case and the other cases that hold it.
type Link struct {
	Ident Identifier
	// Cases are the other cases, ordered by case number; at most
	// MaxLinkedCases of them.
	Cases []CaseRef
	// Total is how many other cases hold the identifier.
	Total int
}

// MaxLinkedCases caps Link.Cases: an identifier held by thousands of cases
// (a region) tells little about any one of them.
const MaxLinkedCases = 50

// Links returns, for the case id, each of its identifiers that other cases
// hold too, with those cases; ordered by kind (phone numbers first, places
// last), then by how many cases hold them, fewest first, as the most
// widely held tell least. A facility with a region links only to cases with the
// same region or none. Cases merged into another are left out.
func (x *Identifiers) Links(id string) []Link {
	x.rlock()
	defer x.mu.RUnlock()
	c, ok := x.byCase[id]
	if !ok {
		return nil
	}
	var out []Link
	for _, ident := range c.idents {
		e, ok := x.byKey[identKey{ident.Kind, ident.Key}]
		if !ok {
			continue
		}
		var ps []posting
		for p := range e.each {
			if p.c == c || p.c.merged {
				continue
			}
			if ident.Kind == IdentFacility && !regionsMatch(ident.Region, p.ident().Region) {
				continue
			}
			ps = append(ps, p)
		}
		if len(ps) == 0 {
			continue
		}
		total := len(ps)
		if total > MaxLinkedCases {
			// The lowest case numbers, without sorting them all.
			slices.SortFunc(ps, func(a, b posting) int { return cmp.Compare(a.c.sortKey, b.c.sortKey) })
			ps = ps[:MaxLinkedCases]
		}
		out = append(out, Link{Ident: ident, Cases: refs(ps), Total: total})
	}
	slices.SortStableFunc(out, func(a, b Link) int {
		return cmp.Or(cmp.Compare(kindRank(a.Ident.Kind), kindRank(b.Ident.Kind)), cmp.Compare(a.Total, b.Total))
	})
	return out
}

func kindRank(k IdentKind) int { return slices.Index(AllIdentKinds, k) }

// Shared is an identifier held by several cases; CasesOf lists them.
type Shared struct {
	Ident Identifier
	Count int
	// First and Last are when the identifier was first and last recorded:
	// the earliest and latest dates of the cases that hold it (created,
	// last sign of life, last saved). Events' dates are not in the sealed
	// overviews the index is built from at unlock: Seen has them, for the
	// "first seen" and "last seen" people read.
	First, Last time.Time
}

// SharedSort orders the results of Shared.
type SharedSort int

// The orders of shared identifiers.
const (
	SharedByCount     SharedSort = iota // most cases first
	SharedByLastSeen                    // latest "last seen" first
	SharedByFirstSeen                   // earliest "first seen" first
	SharedByLabel                       // by kind, then label
	SharedByKind                        // by kind, then most cases first
)

// SharedQuery selects shared identifiers. The zero value lists every
// identifier held by at least two cases, most cases first.
type SharedQuery struct {
	Kind IdentKind // "" for every kind
	Min  int       // fewest cases; values below 2 mean 2
	// Text keeps identifiers whose label or key contains it, folded
	// (digits of a phone number match however they are written).
	Text string
	Sort SharedSort
	// Desc reverses the order.
	Desc bool
}

// Shared lists the identifiers held by at least q.Min cases that are not
// merged into another. A facility number whose cases name different
// regions is listed once per region, each counting the cases that name no
// region too.
func (x *Identifiers) Shared(q SharedQuery) []Shared {
	minCases := max(q.Min, 2)
	text := search.Fold(q.Text)
	var digits []string
	if search.LooksLikePhone(q.Text) {
		digits = search.PhoneAlternatives(q.Text)
	}
	x.rlock()
	var out []Shared
	for k, e := range x.byKey {
		if q.Kind != "" && k.kind != q.Kind || e.len() < minCases {
			continue
		}
		for _, s := range e.groups(k.kind) {
			if s.Count < minCases || !s.matches(text, digits) {
				continue
			}
			out = append(out, s)
		}
	}
	x.mu.RUnlock()
	slices.SortFunc(out, func(a, b Shared) int {
		c := compareShared(q.Sort, a, b)
		if q.Desc {
			c = -c
		}
		return cmp.Or(c, cmp.Compare(kindRank(a.Ident.Kind), kindRank(b.Ident.Kind)),
			cmp.Compare(a.Ident.Key, b.Ident.Key), cmp.Compare(a.Ident.Region, b.Ident.Region))
	})
	return out
}

func compareShared(s SharedSort, a, b Shared) int {
	switch s {
	case SharedByLastSeen:
		return b.Last.Compare(a.Last)
	case SharedByFirstSeen:
		return a.First.Compare(b.First)
	case SharedByLabel:
		return cmp.Or(cmp.Compare(kindRank(a.Ident.Kind), kindRank(b.Ident.Kind)),
			cmp.Compare(search.NaturalKey(a.Ident.Label()), search.NaturalKey(b.Ident.Label())))
	case SharedByKind:
		return cmp.Or(cmp.Compare(kindRank(a.Ident.Kind), kindRank(b.Ident.Kind)), cmp.Compare(b.Count, a.Count))
	}
	return cmp.Compare(b.Count, a.Count)
}

func (s *Shared) matches(text string, digits []string) bool {
	if text == "" {
		return true
	}
	if s.Ident.Kind == IdentPhone && len(digits) > 0 {
		return slices.ContainsFunc(digits, func(d string) bool { return strings.Contains(s.Ident.Key, d) })
	}
	return strings.Contains(search.Fold(s.Ident.Key), text) || strings.Contains(search.Fold(s.Ident.Raw), text) ||
		strings.Contains(search.Fold(s.Ident.Label()), text)
}

// regionClusters groups a facility's region stems: stems that may name the
// same region ("perm", "permski") form one cluster, named by its shortest
// stem.
func (e *identEntry) regionClusters() []string {
	var regions []string
	for p := range e.each {
		if r := p.ident().Region; r != "" && !p.c.merged && !slices.Contains(regions, r) {
			regions = append(regions, r)
		}
	}
	slices.SortFunc(regions, func(a, b string) int { return cmp.Or(cmp.Compare(len(a), len(b)), cmp.Compare(a, b)) })
	var clusters []string
	for _, r := range regions {
		if !slices.ContainsFunc(clusters, func(c string) bool { return regionsMatch(c, r) }) {
			clusters = append(clusters, r)
		}
	}
	return clusters
}

// groups splits an entry into Shared identifiers: one, or for a facility
// whose cases name different regions, one per region. Caller holds the
// read lock.
func (e *identEntry) groups(kind IdentKind) []Shared {
	var clusters []string
	if kind == IdentFacility {
		clusters = e.regionClusters()
	}
	if len(clusters) <= 1 {
		var s Shared
		if len(clusters) == 1 {
			s.Ident.Region = clusters[0]
		}
		for p := range e.each {
			s.add(p)
		}
		return []Shared{s}
	}
	out := make([]Shared, len(clusters))
	for i, r := range clusters {
		out[i].Ident.Region = r
		for p := range e.each {
			if regionsMatch(r, p.ident().Region) {
				out[i].add(p)
			}
		}
	}
	return out
}

func (s *Shared) add(p posting) {
	if p.c.merged {
		return
	}
	if s.Count == 0 {
		region := s.Ident.Region
		s.Ident = *p.ident()
		s.Ident.Region = region
	}
	s.Count++
	if !p.c.first.IsZero() && (s.First.IsZero() || p.c.first.Before(s.First)) {
		s.First = p.c.first
	}
	if p.c.last.After(s.Last) {
		s.Last = p.c.last
	}
}

// CasesOf returns the cases that hold an identifier (by Kind and Key; for a
// facility with a Region, those whose region matches it or is unknown),
// merged ones included and marked, ordered by case number.
func (x *Identifiers) CasesOf(id Identifier) []CaseRef {
	x.rlock()
	defer x.mu.RUnlock()
	e, ok := x.byKey[identKey{id.Kind, id.Key}]
	if !ok {
		return nil
	}
	ps := make([]posting, 0, e.len())
	for p := range e.each {
		if id.Kind == IdentFacility && !regionsMatch(id.Region, p.ident().Region) {
			continue
		}
		ps = append(ps, p)
	}
	return refs(ps)
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
