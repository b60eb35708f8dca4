package vault

import (
	"strings"
	"sync"

	"kintrace/cases"
	"kintrace/cases/patterns"
	"kintrace/cases/search"
)

// numberMap maps human case numbers to case ids while the vault is unlocked,
// so commands and the GUI can name a case by "KT-7QX-0007".
type numberMap struct {
	mu   sync.RWMutex
	m    map[string]string // upper-cased number -> id
	byID map[string]string // id -> upper-cased number
}

func (n *numberMap) lookup(number string) (string, bool) {
	n.mu.RLock()
	defer n.mu.RUnlock()
	id, ok := n.m[strings.ToUpper(strings.TrimSpace(number))]
	return id, ok
}

func (n *numberMap) put(number, id string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.m == nil {
		n.m, n.byID = map[string]string{}, map[string]string{}
	}
	if old, ok := n.byID[id]; ok {
		delete(n.m, old)
	}
	if number == "" {
		return
	}
	key := strings.ToUpper(number)
	n.m[key] = id
	n.byID[id] = key
}

func (n *numberMap) remove(id string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if old, ok := n.byID[id]; ok {
		delete(n.m, old)
		delete(n.byID, id)
	}
}

func (n *numberMap) clear() {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.m, n.byID = nil, nil
}

// indexPut adds or replaces a case in the in-memory index.
func (v *Vault) indexPut(o cases.Overview) {
	v.index.Put(o)
	v.numbers.put(o.Number, o.ID)
	v.idents.Put(o)
}

// indexRemove drops a case from the in-memory index.
func (v *Vault) indexRemove(id string) {
	v.index.Remove(id)
	v.numbers.remove(id)
	v.idents.Remove(id)
}

// indexAll adds or replaces many cases in the in-memory indexes (search,
// case numbers, identifiers) at once: unlock, AddAll and WriteTx. The
// indexes may keep os (see search.Index.PutOwned): neither os nor its
// overviews' slices may change after. bulk and idents, when not nil, are
// os already prepared for the search and identifier indexes.
func (v *Vault) indexAll(os []cases.Overview, bulk *search.Batch, idents *patterns.Batch) {
	var wg sync.WaitGroup
	wg.Go(func() {
		if idents == nil {
			idents = patterns.Prepare(os)
		}
		v.idents.PutBatch(idents)
		for i := range os {
			v.numbers.put(os[i].Number, os[i].ID)
		}
	})
	v.index.PutOwned(os, bulk)
	wg.Wait()
}

// indexUnlocked fills the indexes at unlock: the search index and case
// numbers before it returns, the identifier index in the background
// (patterns.Identifiers.PutAllLater), so that the case list can show
// before it is complete; its readers wait for it.
func (v *Vault) indexUnlocked(os []cases.Overview, bulk *search.Batch) {
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range os {
			v.numbers.put(os[i].Number, os[i].ID)
		}
	})
	v.index.PutOwned(os, bulk)
	wg.Wait()
	v.idents.PutAllLater(os)
}
