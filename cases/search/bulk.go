package search

import (
	"runtime"
	"slices"
	"strings"
	"sync"

	"kintrace/cases"
)

// PutAll adds or replaces many overviews at once, as Put does for each in
// turn; it is how a vault fills its index when it is unlocked. The index
// keeps its own copy of the overviews' slices.
//
// The work is split in three. On every CPU, workers each take a run of the
// overviews and fold them, each distinct string and word once per worker
// (facilities, regions, tags, places and many phrases repeat across cases),
// numbering the distinct words they meet. Under the lock, the workers' words
// are merged into the dictionary and the posting lists filled, sized
// beforehand. Last, again on every CPU, the byte and byte-pair sets are
// filled: each goroutine owns every other run of 64 slots, so no two write
// the same word of a bitset.
func (ix *Index) PutAll(os []cases.Overview) { ix.putAll(os, false) }

// putAll is PutAll; with owned, the overviews are the caller's to give
// away (freshly decoded at unlock): the index keeps pointers into os and
// copies nothing, so neither os nor the overviews' slices may change after.
func (ix *Index) putAll(os []cases.Overview, owned bool) {
	if len(os) == 0 {
		return
	}
	ix.PutBatch(prepareBulk(os, owned))
}

// prepareBulk does putAll's first step on every CPU.
func prepareBulk(os []cases.Overview, owned bool) *Batch {
	if len(os) == 0 {
		return &Batch{}
	}
	workers := min(runtime.GOMAXPROCS(0), max(1, len(os)/256))
	step := (len(os) + workers - 1) / workers
	bs := make([]bulkCase, len(os))
	ws := make([]*bulkWorker, 0, workers)
	for from := 0; from < len(os); from += step {
		ws = append(ws, newBulkWorker(int32(len(ws)), min(step, len(os)-from)))
	}
	var wg sync.WaitGroup
	for i, w := range ws {
		from := i * step
		to := min(len(os), from+step)
		wg.Go(func() {
			for j := from; j < to; j++ {
				w.prepare(&os[j], &bs[j], owned)
			}
			w.computeGrams()
		})
	}
	wg.Wait()
	return &Batch{bs: bs, ws: ws}
}

// PutBatch inserts the overviews b was prepared from (see Prepare and
// NewBatch).
func (ix *Index) PutBatch(b *Batch) {
	if len(b.bs) == 0 {
		return
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.bulkInsert(b.bs, b.ws)
}

// A Batch is PutAll's first step done ahead, off the index's lock: every
// overview folded and its words numbered. It comes from Prepare, or from
// NewBatch filled by the caller's own goroutines (unlock does that as it
// decodes rows, while each overview is in the cache). The overviews it was
// prepared from are given to the index: neither they nor their slices may
// change after.
type Batch struct {
	bs []bulkCase
	ws []*bulkWorker
}

// Prepare does PutAll's first step for os on every CPU; the index will keep
// pointers into os (see Batch).
func Prepare(os []cases.Overview) *Batch { return prepareBulk(os, true) }

// NewBatch returns an empty batch for n overviews that workers goroutines
// prepare: goroutine w takes b.Worker(w, expected), prepares its overviews
// with BatchWorker.Prepare and calls Finish when it has no more.
func NewBatch(n, workers int) *Batch {
	return &Batch{bs: make([]bulkCase, n), ws: make([]*bulkWorker, workers)}
}

// A BatchWorker prepares one goroutine's share of a Batch.
type BatchWorker struct {
	b *Batch
	w *bulkWorker
}

// Worker returns the preparer of goroutine w, sized for about expected
// overviews. Each goroutine calls it once.
func (b *Batch) Worker(w, expected int) *BatchWorker {
	bw := newBulkWorker(int32(w), expected)
	b.ws[w] = bw
	return &BatchWorker{b, bw}
}

// Prepare prepares o as the batch's i-th overview.
func (w *BatchWorker) Prepare(o *cases.Overview, i int) { w.w.prepare(o, &w.b.bs[i], true) }

// Finish completes the worker's share; call it once, after its last Prepare.
func (w *BatchWorker) Finish() { w.w.computeGrams() }

// Compact keeps the overviews os[i] with keep[i] set, moving them (and
// their prepared entries) to the front of os in order, and returns how many
// it kept. The batch must have been prepared from os, one entry for each.
func (b *Batch) Compact(os []cases.Overview, keep []bool) int {
	n := 0
	for i := range os {
		if keep[i] {
			os[n] = os[i]
			b.bs[n] = b.bs[i]
			b.bs[n].p.o = &os[n]
			n++
		}
	}
	b.bs = b.bs[:n]
	return n
}

// PutOwned fills the index with overviews the caller gives away (freshly
// decoded at unlock: the index keeps pointers into os) and, unless b is
// nil, has prepared as b.
func (ix *Index) PutOwned(os []cases.Overview, b *Batch) {
	if b == nil {
		ix.putAll(os, true)
		return
	}
	ix.PutBatch(b)
}

// bulkCase is one overview prepared by a bulkWorker.
type bulkCase struct {
	p        prepared // without words: they are ids[lo:hi] of worker w
	w        int32
	lo, hi   int32
	slot     int32
	replaced bool // by a later overview with the same id in the same call
}

// bulkWorker folds a run of overviews for PutAll. Word ids are the worker's
// own ("local") until bulkInsert maps them to the index's.
type bulkWorker struct {
	id    int32
	words map[string]int32 // folded word -> local id
	list  []string         // local id -> folded word
	// tokens maps a raw space-separated token, and fields a raw string
	// with spaces, to the local ids of its words (with their ending
	// variants): pool[off : off+n], packed as off<<32 | n.
	tokens map[string]uint64
	fields map[string]uint64
	pool   []int32
	folds  map[string]string // Fold of facilities and tags
	// regions caches RegionKey of regions.
	regions map[string]string
	// ids holds each case's distinct local ids, case after case; stamp
	// marks the ids already added for the current case.
	ids   []int32
	stamp []int32
	cases int32
	buf   []byte
	// grams[gramOff[id]:gramOff[id+1]] are the distinct byte and byte-pair
	// codes (see gramCode) of local word id.
	grams   []uint32
	gramOff []int32
}

// newBulkWorker returns a worker for n overviews. Its maps are sized for
// what generated vaults hold per case (about four distinct words, four
// tokens and three phrases not met in earlier cases), which spares most of
// their growing.
func newBulkWorker(id int32, n int) *bulkWorker {
	return &bulkWorker{
		id:      id,
		words:   make(map[string]int32, 4*n),
		tokens:  make(map[string]uint64, 4*n),
		fields:  make(map[string]uint64, 3*n),
		folds:   make(map[string]string, 64),
		regions: make(map[string]string, 64),
		list:    make([]string, 0, 4*n),
		stamp:   make([]int32, 0, 4*n),
		ids:     make([]int32, 0, 100*n),
	}
}

// prepare computes what prepare does for o into b, with the words as local
// ids appended to w.ids.
func (w *bulkWorker) prepare(o *cases.Overview, b *bulkCase, owned bool) {
	w.cases++
	b.w = w.id
	b.lo = int32(len(w.ids))
	oc := o
	if !owned {
		c := cloneOverview(o)
		oc = &c
	}
	b.p = prepared{
		o:        oc,
		facility: w.fold(oc.Facility),
		region:   w.regionKey(oc.Region),
		silent:   unix(oc.SilentSince()),
		updated:  unix(oc.UpdatedAt),
		number:   NaturalKey(oc.Number),
	}
	for _, t := range oc.Tags {
		b.p.tags = append(b.p.tags, w.fold(t))
	}
	// The same strings as searchWords, in any order: the set is what counts.
	w.addText(oc.Name)
	w.addUnique(oc.Number)
	w.addText(oc.AssignedTo)
	w.addText(oc.Facility)
	w.addText(oc.Region)
	w.addText(oc.Unit)
	for _, list := range [...][]string{oc.Aliases, oc.Tags, oc.Places, oc.Texts} {
		for _, s := range list {
			w.addText(s)
		}
	}
	for _, s := range oc.Phones {
		w.addUnique(s)
		w.addPhone(s)
	}
	for _, s := range oc.Handles {
		if LooksLikePhone(s) {
			w.addUnique(s)
			w.addPhone(s)
		} else {
			w.addText(s)
		}
	}
	for _, s := range oc.Texts {
		if LooksLikePhone(s) {
			w.addPhone(s)
		}
	}
	b.hi = int32(len(w.ids))
}

// cloneOverview returns o with its own slices: the six string lists share
// one new array, each capped at its length.
func cloneOverview(o *cases.Overview) cases.Overview {
	c := *o
	lists := [...]*[]string{&c.Aliases, &c.Tags, &c.Places, &c.Phones, &c.Handles, &c.Texts}
	n := 0
	for _, l := range lists {
		n += len(*l)
	}
	all := make([]string, 0, n)
	for _, l := range lists {
		if *l == nil {
			continue
		}
		at := len(all)
		all = append(all, *l...)
		*l = all[at:len(all):len(all)]
	}
	c.Verifications = slices.Clone(o.Verifications)
	c.FollowUps = slices.Clone(o.FollowUps)
	c.Requests = slices.Clone(o.Requests)
	return c
}

func (w *bulkWorker) fold(s string) string {
	if s == "" {
		return ""
	}
	f, ok := w.folds[s]
	if !ok {
		f = Fold(s)
		w.folds[s] = f
	}
	return f
}

func (w *bulkWorker) regionKey(s string) string {
	if s == "" {
		return ""
	}
	k, ok := w.regions[s]
	if !ok {
		k = RegionKey(s)
		w.regions[s] = k
	}
	return k
}

// addIDs adds the local ids not yet added for the current case.
func (w *bulkWorker) addIDs(ids []int32) {
	for _, id := range ids {
		if w.stamp[id] != w.cases {
			w.stamp[id] = w.cases
			w.ids = append(w.ids, id)
		}
	}
}

func unpack(p uint64) (off, n int) { return int(p >> 32), int(uint32(p)) }

// addText adds the words of Fold(s) and their ending variants.
func (w *bulkWorker) addText(s string) {
	if s == "" {
		return
	}
	if LooksLikePhone(s) { // numbers seldom repeat: not worth remembering
		w.addUnique(s)
		return
	}
	if strings.IndexByte(s, ' ') < 0 {
		w.addIDs(w.tokenIDs(s))
		return
	}
	if p, ok := w.fields[s]; ok {
		off, n := unpack(p)
		w.addIDs(w.pool[off : off+n])
		return
	}
	// Fold maps every character on its own and splits words at spaces, so
	// the words of s are those of its space-separated tokens.
	var ids []int32
	for rest := s; rest != ""; {
		tok := rest
		if i := strings.IndexByte(rest, ' '); i >= 0 {
			tok, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		if tok != "" {
			ids = append(ids, w.tokenIDs(tok)...)
		}
	}
	w.fields[s] = w.store(ids)
	w.addIDs(ids)
}

// addUnique is addText for a string that is likely met once (a case
// number, a phone number): it is folded without being remembered.
func (w *bulkWorker) addUnique(s string) {
	w.buf = appendFold(w.buf[:0], s)
	for f := w.buf; len(f) > 0; {
		word := f
		if i := slices.Index(f, ' '); i >= 0 {
			word, f = f[:i], f[i+1:]
		} else {
			f = nil
		}
		if len(word) == 0 {
			continue
		}
		w.addIDs([]int32{w.word(word)})
		if v, ok := variantOf(string(word)); ok {
			w.addIDs([]int32{w.word([]byte(v))})
		}
	}
}

// store copies ids into the pool and returns their packed place.
func (w *bulkWorker) store(ids []int32) uint64 {
	off := len(w.pool)
	w.pool = append(w.pool, ids...)
	return uint64(off)<<32 | uint64(len(ids))
}

// tokenIDs returns the local ids of the words of Fold(tok) and their
// variants; tok holds no space.
func (w *bulkWorker) tokenIDs(tok string) []int32 {
	if p, ok := w.tokens[tok]; ok {
		off, n := unpack(p)
		return w.pool[off : off+n]
	}
	w.buf = appendFold(w.buf[:0], tok)
	off := len(w.pool)
	for f := w.buf; len(f) > 0; {
		word := f
		if i := slices.Index(f, ' '); i >= 0 {
			word, f = f[:i], f[i+1:]
		} else {
			f = nil
		}
		if len(word) == 0 {
			continue
		}
		w.pool = append(w.pool, w.word(word))
		if v, ok := variantOf(string(word)); ok {
			w.pool = append(w.pool, w.word([]byte(v)))
		}
	}
	p := uint64(off)<<32 | uint64(len(w.pool)-off)
	w.tokens[tok] = p
	return w.pool[off:len(w.pool):len(w.pool)]
}

// word returns the local id of a folded word.
func (w *bulkWorker) word(b []byte) int32 {
	if id, ok := w.words[string(b)]; ok {
		return id
	}
	id := int32(len(w.list))
	s := string(b)
	w.words[s] = id
	w.list = append(w.list, s)
	w.stamp = append(w.stamp, 0)
	return id
}

// addPhone adds the digits of a phone number (NormalizePhone) when there
// are at least five.
func (w *bulkWorker) addPhone(s string) {
	if d := cases.NormalizePhone(s); len(d) >= 5 {
		w.addIDs([]int32{w.word([]byte(d))})
	}
}

// gramCode numbers byte-gram sets: a pair of bytes is its big-endian
// uint16, a single byte 1<<16 | the byte.
func gramCode(w string, i int) (one, two uint32, hasTwo bool) {
	one = 1<<16 | uint32(w[i])
	if i+1 < len(w) {
		return one, uint32(w[i])<<8 | uint32(w[i+1]), true
	}
	return one, 0, false
}

const gramCodes = 1<<16 + 256

// computeGrams lists the distinct gram codes of every local word.
func (w *bulkWorker) computeGrams() {
	w.gramOff = make([]int32, len(w.list)+1)
	n := 0
	for _, word := range w.list {
		n += 2 * len(word)
	}
	w.grams = make([]uint32, 0, n) // at most two codes a byte
	for id, word := range w.list {
		at := len(w.grams)
		for i := range len(word) {
			one, two, ok := gramCode(word, i)
			if !slices.Contains(w.grams[at:], one) {
				w.grams = append(w.grams, one)
			}
			if ok && !slices.Contains(w.grams[at:], two) {
				w.grams = append(w.grams, two)
			}
		}
		w.gramOff[id+1] = int32(len(w.grams))
	}
}

// gramSetFor returns the bitset of a gram code.
func (ix *Index) gramSetFor(code uint32) *bitset {
	if code >= 1<<16 {
		return &ix.grams1[code&0xff]
	}
	return &ix.grams2[code]
}

// bulkInsert inserts the prepared cases in order. Caller holds ix.mu.
func (ix *Index) bulkInsert(bs []bulkCase, ws []*bulkWorker) {
	ix.gen++
	// Local word ids to the index's, creating the new words.
	l2g := make([][]int32, len(ws))
	if len(ix.words) == 0 {
		n := 0
		for _, w := range ws {
			n += len(w.list)
		}
		ix.words = make(map[string]int32, n)
		ix.postings = make([][]int32, 0, n)
		ix.starts = make([]int32, 0, n)
	}
	for i, w := range ws {
		m := make([]int32, len(w.list))
		for lid, word := range w.list {
			id, ok := ix.words[word]
			if !ok {
				id = int32(len(ix.starts))
				ix.words[word] = id // the worker's string is the word alone
				ix.dict = append(ix.dict, 0)
				ix.starts = append(ix.starts, int32(len(ix.dict)))
				ix.dict = append(ix.dict, word...)
				ix.postings = append(ix.postings, nil)
			}
			m[lid] = id
		}
		l2g[i] = m
		// What remains needed is the workers' ids and gram lists: drop
		// their maps now, before the lists below are allocated.
		w.words, w.tokens, w.fields, w.folds = nil, nil, nil, nil
		w.list, w.pool, w.stamp, w.buf = nil, nil, nil, nil
	}

	// Size the posting lists: new ones share one exactly sized array.
	counts := make([]int32, len(ix.postings))
	for i, w := range ws {
		for _, lid := range w.ids {
			counts[l2g[i][lid]]++
		}
	}
	fresh := 0
	for id, n := range counts {
		if n > 0 && cap(ix.postings[id]) == 0 {
			fresh += int(n)
		}
	}
	shared := make([]int32, fresh)
	for id, n := range counts {
		switch {
		case n == 0:
		case cap(ix.postings[id]) == 0:
			ix.postings[id], shared = shared[:0:n], shared[n:]
		default:
			ix.postings[id] = slices.Grow(ix.postings[id], int(n))
		}
	}

	// Slots, entries, postings and facets, in order, as insert does.
	ix.entries = slices.Grow(ix.entries, len(bs))
	// inBatch[slot] is 1 + the index in bs of the case this call put in
	// slot: when an id comes again, that case is marked replaced so that
	// bulkGrams skips it (its words were unlinked from the slot).
	inBatch := make([]int32, len(ix.entries)+len(bs))
	for i := range bs {
		b := &bs[i]
		p := &b.p
		slot, replaced := ix.takeSlot(p.o.ID)
		if j := inBatch[slot]; replaced && j > 0 {
			bs[j-1].replaced = true
		}
		b.slot = slot
		inBatch[slot] = int32(i + 1)
		ix.register(p, slot)
	}
	ix.bulkPostings(bs, ws, l2g)
	ix.bulkGrams(bs, ws)
}

// bulkPostings adds the slots of the cases inserted by bulkInsert to the
// posting lists of their words, on all CPUs: each goroutine owns the words
// whose id it is given modulo their number. Caller holds ix.mu.
func (ix *Index) bulkPostings(bs []bulkCase, ws []*bulkWorker, l2g [][]int32) {
	parts := int32(len(ws))
	var wg sync.WaitGroup
	for part := range parts {
		wg.Go(func() {
			for i := range bs {
				b := &bs[i]
				if b.replaced {
					continue
				}
				g := l2g[b.w]
				for _, lid := range ws[b.w].ids[b.lo:b.hi] {
					if id := g[lid]; id%parts == part {
						ix.postings[id] = insertSorted(ix.postings[id], b.slot)
					}
				}
			}
		})
	}
	wg.Wait()
}

// bulkGrams sets the gram bits of the cases inserted by bulkInsert, on all
// CPUs. Caller holds ix.mu.
func (ix *Index) bulkGrams(bs []bulkCase, ws []*bulkWorker) {
	// Make every set the cases touch long enough first, so that the
	// goroutines below only set bits.
	var maxSlot int32
	for i := range bs {
		maxSlot = max(maxSlot, bs[i].slot)
	}
	used := make([]bool, gramCodes)
	for _, w := range ws {
		for _, code := range w.grams {
			if !used[code] {
				used[code] = true
				ix.gramSetFor(code).growExact(maxSlot)
			}
		}
	}
	parts := max(1, min(len(ws), int(maxSlot>>6)+1))
	var wg sync.WaitGroup
	for part := range parts {
		wg.Go(func() {
			// The bits of the cases whose slots share one word of the
			// sets (64 slots) are gathered in mask, by gram code, and
			// each set's word is written once for them all: the sets are
			// many and large, mask is small enough to stay in the cache.
			mask := gramMasks.Get().(*[gramCodes]uint64)
			defer gramMasks.Put(mask) // all zero again after the last flush
			var touched []uint32
			group := int32(-1)
			flush := func() {
				for _, code := range touched {
					(*ix.gramSetFor(code))[group] |= mask[code]
					mask[code] = 0
				}
				touched = touched[:0]
			}
			for i := range bs {
				b := &bs[i]
				if b.replaced || int(b.slot>>6)%parts != part {
					continue
				}
				if b.slot>>6 != group {
					flush()
					group = b.slot >> 6
				}
				bit := uint64(1) << (uint(b.slot) & 63)
				w := ws[b.w]
				for _, lid := range w.ids[b.lo:b.hi] {
					for _, code := range w.grams[w.gramOff[lid]:w.gramOff[lid+1]] {
						if mask[code] == 0 {
							touched = append(touched, code)
						}
						mask[code] |= bit
					}
				}
			}
			flush()
		})
	}
	wg.Wait()
}

// gramMasks holds bulkGrams' masks, all zero, for the next call.
var gramMasks = sync.Pool{New: func() any { return new([gramCodes]uint64) }}

// growExact makes room for slot i without spare capacity beyond it.
func (b *bitset) growExact(i int32) {
	if need := int(i>>6) + 1; need > len(*b) {
		nb := make(bitset, need)
		copy(nb, *b)
		*b = nb
	}
}
