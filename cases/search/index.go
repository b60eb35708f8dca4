package search

import (
	"bytes"
	"cmp"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"time"

	"kintrace/cases"
)

// Sort is the order of search results.
type Sort int

// The orders of search results.
const (
	// SortSilentLongest puts first the cases that never had a confirmed
	// contact, then the case whose last confirmed contact is oldest
	// (Overview.SilentSince).
	SortSilentLongest Sort = iota
	// SortUpdated puts the most recently updated case first.
	SortUpdated
	// SortNumber orders by case number, digits compared as numbers.
	SortNumber
	// SortName orders by the person's name, folded (so "Ёлкин" sorts
	// with "Елкин").
	SortName
	// SortStatus orders by status in the order of cases.AllStatuses.
	SortStatus
	// SortFacility orders by facility, folded; cases without one last.
	SortFacility
	sortModes // number of orders
)

// Query selects and orders cases in an Index. The zero Query lists every
// case, silent longest first.
type Query struct {
	// Text is what the user typed. Every word of it, folded (see Fold),
	// must occur inside some word of the case's name, aliases, number,
	// facility, region, unit, places, phones, handles, tags, assignee or
	// texts. A query of phone-number characters with at least five digits
	// also matches a phone number written another way (8 912… = +7 912…).
	Text string
	// Filters; empty means any. Facility, Region and Tag compare folded and
	// whole ("ИК-17, Мордовия" = "IK-17, Mordovia"); a region the gazetteer
	// knows matches however it is written (see RegionKey: "Mordovia" =
	// "Республика Мордовия").
	Status       cases.Status
	Facility     string
	Region       string
	Tag          string
	Verification cases.Verification
	// Merged includes cases merged into another (Overview.MergedInto),
	// which the list leaves out by default.
	Merged bool
	Sort   Sort
	// Limit caps the number of results; 0 means all.
	Limit int
}

// Facet is one value of a filter menu and how many cases have it.
type Facet struct {
	Value string // the most common spelling among cases that fold alike
	Count int
}

// Facets are the distinct facilities, regions and tags of the indexed cases,
// most common first. Regions are grouped by RegionKey, so every spelling of
// a gazetteer region is one facet (its Value is still a spelling the cases
// use: RegionName names it in the reader's language).
type Facets struct {
	Facilities []Facet
	Regions    []Facet
	Tags       []Facet
}

// Index is the in-memory search index of a vault's case overviews. It is safe
// for concurrent use. Search is backed by an inverted index over the distinct
// folded words of all cases: a query word is looked up by substring in the
// word dictionary, and the posting lists of the words it occurs in give the
// matching cases.
type Index struct {
	mu      sync.RWMutex
	entries []entry // by slot
	free    []int32 // free slots
	byID    map[string]int32
	live    int
	gen     uint64 // grows on every change

	words    map[string]int32 // folded word -> word id
	dict     []byte           // "\x00w0\x00w1..." for substring search
	starts   []int32          // offset of each word in dict
	postings [][]int32        // word id -> sorted slots

	// Query words of one or two bytes occur in most words, so they are
	// answered from per-byte and per-byte-pair slot sets instead of the
	// dictionary. A slot's bits are set and cleared with its entry.
	grams1 [256]bitset
	grams2 [1 << 16]bitset
	merged bitset // slots of cases merged into another

	facilities, regions, tags facetCounts

	orderMu sync.Mutex
	orders  [sortModes]cachedOrder
}

type entry struct {
	o        *cases.Overview // the index's own; never changed once in
	live     bool
	facility string // folded
	region   string // RegionKey
	tags     []string
	silent   int64 // unix seconds of SilentSince
	updated  int64
	number   string // natural sort key
}

type cachedOrder struct {
	gen   uint64
	valid bool
	slots []int32
}

// NewIndex returns an empty Index.
func NewIndex() *Index {
	ix := &Index{}
	ix.reset()
	return ix
}

func (ix *Index) reset() {
	clear(ix.entries) // drop references to plaintext
	ix.entries = nil
	ix.free = nil
	ix.byID = make(map[string]int32)
	ix.live = 0
	ix.words = make(map[string]int32)
	clear(ix.dict)
	ix.dict = nil
	ix.starts = nil
	ix.postings = nil
	ix.grams1 = [256]bitset{}
	ix.grams2 = [1 << 16]bitset{}
	ix.merged = nil
	ix.facilities = facetCounts{}
	ix.regions = facetCounts{}
	ix.tags = facetCounts{}
	ix.gen++
	ix.orderMu.Lock()
	ix.orders = [sortModes]cachedOrder{}
	ix.orderMu.Unlock()
}

// Clear empties the index and drops its references to case data (on lock).
func (ix *Index) Clear() {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.reset()
}

// Len returns the number of cases in the index.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.live
}

// Get returns the overview of the case with this id. Its slices are shared
// with the index: treat them as read-only.
func (ix *Index) Get(id string) (cases.Overview, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	s, ok := ix.byID[id]
	if !ok {
		return cases.Overview{}, false
	}
	return *ix.entries[s].o, true
}

// prepared is an overview with its search data computed, ready to insert.
type prepared struct {
	o        *cases.Overview
	words    []string
	facility string
	region   string
	tags     []string
	silent   int64
	updated  int64
	number   string
}

func prepare(o cases.Overview) prepared {
	o.Aliases = slices.Clone(o.Aliases)
	o.Tags = slices.Clone(o.Tags)
	o.Places = slices.Clone(o.Places)
	o.Phones = slices.Clone(o.Phones)
	o.Handles = slices.Clone(o.Handles)
	o.Texts = slices.Clone(o.Texts)
	o.Verifications = slices.Clone(o.Verifications)
	o.FollowUps = slices.Clone(o.FollowUps)
	o.Requests = slices.Clone(o.Requests)
	p := prepared{
		o:        &o,
		words:    searchWords(&o),
		facility: Fold(o.Facility),
		region:   RegionKey(o.Region),
		silent:   unix(o.SilentSince()),
		updated:  unix(o.UpdatedAt),
		number:   NaturalKey(o.Number),
	}
	for _, t := range o.Tags {
		p.tags = append(p.tags, Fold(t))
	}
	return p
}

func unix(t time.Time) int64 {
	if t.IsZero() {
		return minUnix
	}
	return t.Unix()
}

// minUnix sorts a missing time before every real one.
const minUnix = -1 << 62

// Put adds the overview, or replaces the one with the same ID. The index
// keeps its own copy of o's slices.
func (ix *Index) Put(o cases.Overview) {
	p := prepare(o) // folding happens outside the lock
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.insert(&p)
}

func (ix *Index) insert(p *prepared) {
	ix.gen++
	slot, _ := ix.takeSlot(p.o.ID)
	ix.register(p, slot)
	for _, w := range p.words {
		id, ok := ix.words[w]
		if !ok {
			id = int32(len(ix.starts))
			// w is a slice of the whole case's folded text: keep a copy
			// of the word alone.
			ix.words[strings.Clone(w)] = id
			ix.dict = append(ix.dict, 0)
			ix.starts = append(ix.starts, int32(len(ix.dict)))
			ix.dict = append(ix.dict, w...)
			ix.postings = append(ix.postings, nil)
		}
		ix.postings[id] = insertSorted(ix.postings[id], slot)
		ix.markGrams(w, slot, true)
	}
}

// takeSlot returns the slot for the overview with id: its own, unlinked
// (replaced), or a free one, or a new one at the end.
func (ix *Index) takeSlot(id string) (slot int32, replaced bool) {
	slot, replaced = ix.byID[id]
	switch n := len(ix.free); {
	case replaced:
		ix.unlink(slot)
	case n > 0:
		slot = ix.free[n-1]
		ix.free = ix.free[:n-1]
	default:
		slot = int32(len(ix.entries))
		ix.entries = append(ix.entries, entry{})
	}
	return slot, replaced
}

// register puts p into slot: its entry, its id, the merged set and the
// facet counts; everything of an insertion but its words (insert adds
// them one case at a time, bulkInsert for a whole batch).
func (ix *Index) register(p *prepared, slot int32) {
	ix.entries[slot] = entry{o: p.o, live: true, facility: p.facility, region: p.region, tags: p.tags,
		silent: p.silent, updated: p.updated, number: p.number}
	ix.byID[p.o.ID] = slot
	ix.live++
	if p.o.MergedInto != "" {
		ix.merged.grow(slot)
		ix.merged.set(slot)
	}
	ix.facilities.add(p.facility, p.o.Facility, 1)
	ix.regions.add(p.region, p.o.Region, 1)
	for i, t := range p.tags {
		ix.tags.add(t, p.o.Tags[i], 1)
	}
}

// unlink removes the entry in slot from postings and facets, leaving the
// slot to be reused by the caller.
func (ix *Index) unlink(slot int32) {
	e := &ix.entries[slot]
	// The entry's words are computed again rather than kept: removal is
	// rare, and 100 000 cases hold millions of words.
	for _, w := range searchWords(e.o) {
		id := ix.words[w]
		ix.postings[id] = removeSorted(ix.postings[id], slot)
		ix.markGrams(w, slot, false)
	}
	ix.facilities.add(e.facility, e.o.Facility, -1)
	ix.regions.add(e.region, e.o.Region, -1)
	for i, t := range e.tags {
		ix.tags.add(t, e.o.Tags[i], -1)
	}
	delete(ix.byID, e.o.ID)
	ix.merged.unset(slot)
	*e = entry{}
	ix.live--
}

// Remove drops the case with this id; it is not an error if it is absent.
func (ix *Index) Remove(id string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	slot, ok := ix.byID[id]
	if !ok {
		return
	}
	ix.gen++
	ix.unlink(slot)
	ix.free = append(ix.free, slot)
}

// markGrams sets or clears slot in the sets of every byte and byte pair of w.
func (ix *Index) markGrams(w string, slot int32, on bool) {
	for i := 0; i < len(w); i++ {
		g1 := &ix.grams1[w[i]]
		if on {
			g1.grow(slot)
			g1.set(slot)
		} else {
			g1.unset(slot)
		}
		if i+1 < len(w) {
			g2 := &ix.grams2[uint16(w[i])<<8|uint16(w[i+1])]
			if on {
				g2.grow(slot)
				g2.set(slot)
			} else {
				g2.unset(slot)
			}
		}
	}
}

func insertSorted(s []int32, v int32) []int32 {
	if n := len(s); n == 0 || s[n-1] < v {
		return append(s, v)
	}
	i, found := slices.BinarySearch(s, v)
	if found {
		return s
	}
	return slices.Insert(s, i, v)
}

func removeSorted(s []int32, v int32) []int32 {
	i, found := slices.BinarySearch(s, v)
	if !found {
		return s
	}
	return slices.Delete(s, i, i+1)
}

// searchWords returns the distinct folded words search matches o by,
// including normalised phone numbers and the Russian/Ukrainian ending
// variants of names (see wordVariants).
func searchWords(o *cases.Overview) []string {
	var buf []byte
	add := func(s string) {
		if s != "" {
			buf = appendFold(buf, s)
			buf = append(buf, ' ')
		}
	}
	addPhone := func(s string) {
		if d := cases.NormalizePhone(s); len(d) >= 5 {
			buf = append(buf, d...)
			buf = append(buf, ' ')
		}
	}
	add(o.Name)
	add(o.Number)
	add(o.AssignedTo)
	add(o.Facility)
	add(o.Region)
	add(o.Unit)
	for _, list := range [][]string{o.Aliases, o.Tags, o.Places, o.Texts} {
		for _, s := range list {
			add(s)
		}
	}
	for _, s := range o.Phones {
		add(s)
		addPhone(s)
	}
	for _, s := range o.Handles {
		add(s)
		if LooksLikePhone(s) {
			addPhone(s)
		}
	}
	for _, s := range o.Texts {
		if LooksLikePhone(s) {
			addPhone(s)
		}
	}
	text := string(buf)
	words := make([]string, 0, strings.Count(text, " ")+8)
	for w := range strings.SplitSeq(text, " ") {
		if w != "" {
			words = appendVariants(words, w)
		}
	}
	slices.Sort(words)
	return slices.Compact(words)
}

// appendVariants appends w and, for a word ending in a Russian "-ei" or a
// Ukrainian "-i" after a consonant (Сергей/Sergei and Сергій/Serhiy fold to
// "sergei" and "sergi"), the other ending, so that either spelling finds both.
// A word ending in a consonant + "r" also gets the "-er" spelling that Fold
// folds away (Alexander → "aleksandr"), so that the query typed so far
// ("Alexande", "бухгалте") still finds it one letter before the end.
func appendVariants(words []string, w string) []string {
	words = append(words, w)
	if v, ok := variantOf(w); ok {
		words = append(words, v)
	}
	return words
}

// variantOf returns the other ending of w for appendVariants.
func variantOf(w string) (string, bool) {
	n := len(w)
	switch {
	case n >= 5 && strings.HasSuffix(w, "ei") && isConsonant(w[n-3]):
		return w[:n-2] + "i", true
	case n >= 4 && w[n-1] == 'i' && isConsonant(w[n-2]):
		return w[:n-1] + "ei", true
	case n >= 3 && w[n-1] == 'r' && isConsonant(w[n-2]):
		return w[:n-1] + "er", true
	}
	return "", false
}

// LooksLikePhone reports whether s is written only with phone-number
// characters and has at least five digits.
func LooksLikePhone(s string) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case strings.IndexByte(" +-()./", c) >= 0:
		default:
			return false
		}
	}
	return digits >= 5
}

// PhoneAlternatives gives the digit strings a phone-like query may appear as
// inside a normalised number, for numbers still being typed.
func PhoneAlternatives(q string) []string {
	var d []byte
	for i := 0; i < len(q); i++ {
		if q[i] >= '0' && q[i] <= '9' {
			d = append(d, q[i])
		}
	}
	s := string(d)
	alts := []string{s, cases.NormalizePhone(q)}
	plus := strings.HasPrefix(strings.TrimSpace(q), "+")
	switch {
	case plus:
	case strings.HasPrefix(s, "80") && len(s) <= 11:
		alts = append(alts, "3"+s)
	case strings.HasPrefix(s, "8") && len(s) <= 11:
		alts = append(alts, "7"+s[1:])
	case strings.HasPrefix(s, "0") && len(s) <= 10:
		alts = append(alts, "38"+s)
	}
	slices.Sort(alts)
	return slices.Compact(alts)
}

// NaturalKey makes case numbers sort with their digits compared as numbers:
// every run of digits is left-padded with zeros to 20 places.
func NaturalKey(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' {
			b.WriteByte(s[i])
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		run := strings.TrimLeft(s[i:j], "0")
		for k := len(run); k < 20; k++ {
			b.WriteByte('0')
		}
		b.WriteString(run)
		i = j
	}
	return b.String()
}

// gramSet returns a copy of the set of slots having a word that contains
// the one- or two-byte needle. Caller holds ix.mu.
func (ix *Index) gramSet(needle string) bitset {
	var g bitset
	if len(needle) == 1 {
		g = ix.grams1[needle[0]]
	} else {
		g = ix.grams2[uint16(needle[0])<<8|uint16(needle[1])]
	}
	set := newBitset(len(ix.entries))
	copy(set, g)
	return set
}

// matchWord returns the set of slots having a word that contains any of
// needles. Caller holds ix.mu.
func (ix *Index) matchWord(needles ...string) bitset {
	set := newBitset(len(ix.entries))
	dict := ix.dict
	for _, needle := range needles {
		if needle == "" {
			continue
		}
		for at := 0; at < len(dict); {
			i := bytes.Index(dict[at:], []byte(needle))
			if i < 0 {
				break
			}
			pos := int32(at + i)
			// the word holding pos: the last start <= pos
			w, found := slices.BinarySearch(ix.starts, pos)
			if !found {
				w--
			}
			for _, s := range ix.postings[w] {
				set.set(s)
			}
			// continue after this word
			if w+1 < len(ix.starts) {
				at = int(ix.starts[w+1])
			} else {
				break
			}
		}
	}
	return set
}

// Search returns the overviews matching q in q's order. The returned
// overviews share their slices with the index: treat them as read-only.
//
// Every match is copied into the result, so a query matching most of
// 100 000 cases (the first keystroke) costs far more than finding them; a
// list that shows a page of results should set Limit and use Count for the
// total.
func (ix *Index) Search(q Query) []cases.Overview {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	hits := ix.find(q)
	out := make([]cases.Overview, len(hits))
	for i, s := range hits {
		out[i] = *ix.entries[s].o
	}
	return out
}

// Count returns how many cases match q, ignoring q.Limit, without copying
// them.
func (ix *Index) Count(q Query) int {
	q.Limit = 0
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.find(q))
}

// queryWords returns the distinct folded words of a query, longest first
// (the longest usually matches fewest cases).
func queryWords(text string) []string {
	tokens := strings.Fields(Fold(text))
	slices.Sort(tokens)
	tokens = slices.Compact(tokens)
	slices.SortStableFunc(tokens, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	return tokens
}

// find returns the slots matching q in q's order. Caller holds ix.mu.
func (ix *Index) find(q Query) []int32 {
	tokens := queryWords(q.Text)
	facility, region, tag := Fold(q.Facility), RegionKey(q.Region), Fold(q.Tag)

	var cand bitset // nil: every slot
	if len(tokens) > 0 {
		for _, t := range tokens {
			var m bitset
			if len(t) <= 2 {
				m = ix.gramSet(t)
			} else {
				m = ix.matchWord(t)
			}
			if cand == nil {
				cand = m
			} else {
				cand.and(m)
			}
			if cand.empty() {
				break
			}
		}
		if LooksLikePhone(q.Text) {
			cand.or(ix.matchWord(PhoneAlternatives(q.Text)...))
		}
	}
	filtered := q.Status != "" || q.Facility != "" || q.Region != "" || q.Tag != "" || q.Verification != ""
	// match is called for up to every slot: it looks at an entry, which
	// costs a cache miss, only when a filter needs it.
	match := func(slot int32) bool {
		if cand != nil && !cand.has(slot) || !q.Merged && ix.merged.has(slot) {
			return false
		}
		if !filtered {
			return true
		}
		e := &ix.entries[slot]
		return (q.Status == "" || e.o.Status == q.Status) &&
			(q.Facility == "" || e.facility == facility) &&
			(q.Region == "" || e.region == region) &&
			(q.Tag == "" || slices.Contains(e.tags, tag)) &&
			(q.Verification == "" || slices.Contains(e.o.Verifications, q.Verification))
	}

	if cand != nil && cand.count() <= 64 {
		// Few hits: sorting them beats walking the full order.
		var hits []int32
		for w, word := range cand {
			for word != 0 {
				b := bits.TrailingZeros64(word)
				word &= word - 1
				if s := int32(w*64 + b); match(s) {
					hits = append(hits, s)
				}
			}
		}
		slices.SortFunc(hits, ix.compare(q.Sort))
		if q.Limit > 0 && len(hits) > q.Limit {
			hits = hits[:q.Limit]
		}
		return hits
	}
	hits := make([]int32, 0, 256)
	for _, s := range ix.order(q.Sort) {
		if match(s) {
			hits = append(hits, s)
			if q.Limit > 0 && len(hits) == q.Limit {
				break
			}
		}
	}
	return hits
}

// Facets returns the distinct facilities, regions and tags of the indexed
// cases, each grouped by its fold, most common first.
func (ix *Index) Facets() Facets {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return Facets{
		Facilities: ix.facilities.list(),
		Regions:    ix.regions.list(),
		Tags:       ix.tags.list(),
	}
}

// facetCounts counts spellings per folded value.
type facetCounts map[string]map[string]int

func (f *facetCounts) add(folded, display string, delta int) {
	if folded == "" {
		return
	}
	if *f == nil {
		*f = make(facetCounts)
	}
	m := (*f)[folded]
	if m == nil {
		m = make(map[string]int)
		(*f)[folded] = m
	}
	m[display] += delta
	if m[display] <= 0 {
		delete(m, display)
		if len(m) == 0 {
			delete(*f, folded)
		}
	}
}

func (f facetCounts) list() []Facet {
	out := make([]Facet, 0, len(f))
	for _, spellings := range f {
		var best string
		bestN, total := 0, 0
		for s, n := range spellings {
			total += n
			if n > bestN || n == bestN && s < best {
				best, bestN = s, n
			}
		}
		out = append(out, Facet{Value: best, Count: total})
	}
	slices.SortFunc(out, func(a, b Facet) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return strings.Compare(a.Value, b.Value)
	})
	return out
}
