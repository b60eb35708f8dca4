package search

import (
	"strings"
	"sync"
)

// Region is a region of the gazetteer: a Russian federal subject, a
// Ukrainian oblast, Crimea, Kyiv or Sevastopol.
type Region struct {
	Key        string // stable: "ru-mo", "ua-dn"
	En, Ru, Uk string // the names the GUI shows
}

// Name is the region's name in language code ("en", "ru", "uk"); English
// for any other.
func (r Region) Name(code string) string {
	switch code {
	case "ru":
		return r.Ru
	case "uk":
		return r.Uk
	}
	return r.En
}

// LookupRegion finds the gazetteer's region that s names, in any script,
// form or transliteration: "Республика Мордовия", "Rep. of Mordovia",
// "Мордовія" and "Mordovia" are one region; "Ростовская обл.", "Rostov
// Oblast" and "Ростовська область" another. Words that say what kind of
// region it is ("oblast", "обл.", "республика", "край", "г.") and
// qualifiers such as "(occupied)" do not matter, except where they tell
// two regions apart ("Moscow" the city, "Moscow Oblast" around it). A name
// the gazetteer does not know, or one that could be either of two regions
// ("Altai"), is not found.
func LookupRegion(s string) (Region, bool) {
	g := regionGazetteer()
	core, kind := g.core(s)
	if core == "" {
		return Region{}, false
	}
	if i, ok := g.exact[core+"\x00"+kind]; ok && i >= 0 {
		return g.regions[i], true
	}
	if i, ok := g.byCore[core]; ok && i >= 0 {
		return g.regions[i], true
	}
	return Region{}, false
}

// Regions lists the gazetteer in its order (Russia, then Ukraine).
func Regions() []Region {
	return append([]Region(nil), regionGazetteer().regions...)
}

// RegionKey is what region s is filtered and grouped by: one value for
// every way of writing a gazetteer region, and Fold(s) for any other.
// Query.Region and Facets.Regions compare regions by it.
func RegionKey(s string) string {
	if r, ok := LookupRegion(s); ok {
		return "@" + r.Key // Fold never writes "@"
	}
	return Fold(s)
}

// RegionName is region s named in language code when the gazetteer knows
// it, and s as written otherwise.
func RegionName(s, code string) string {
	if r, ok := LookupRegion(s); ok {
		return r.Name(code)
	}
	return s
}

// Kinds of region that words in a name tell, from the weakest: a word of a
// stronger kind wins when a name has two ("Jewish Autonomous Oblast").
const (
	kindNone = ""
	kindCity = "city"
	kindObl  = "obl"
	kindKrai = "krai"
	kindRep  = "rep"
	kindAO   = "ao"
)

var kindRank = map[string]int{kindNone: 0, kindCity: 1, kindObl: 2, kindKrai: 3, kindRep: 4, kindAO: 5}

// regionWordKinds lists the words that say what kind of region a name is,
// as people write them; "" marks words that say nothing of the region.
var regionWordKinds = map[string][]string{
	kindCity: {"city", "gorod", "город", "г", "місто", "м", "federal", "федерального", "значения", "значення"},
	kindObl:  {"oblast", "obl", "область", "обл", "області", "oblasti", "region", "регион", "регіон", "province"},
	kindKrai: {"krai", "kray", "край", "territory"},
	kindRep:  {"republic", "respublika", "республика", "республіка", "респ", "resp", "rep"},
	kindAO:   {"autonomous", "автономный", "автономная", "автономна", "автономний", "avtonomnyy", "okrug", "округ", "ao", "ао"},
	kindNone: {"of", "the", "occupied", "оккупированная", "оккупированный", "оккупированной", "окупована", "окупованої",
		"окупований", "тимчасово", "временно", "temporarily", "part", "часть", "частина"},
}

type gazetteer struct {
	regions []Region
	words   map[string]string // folded kind word → kind
	// exact maps core+"\x00"+kind to a region's index; byCore maps a core
	// alone. -1 marks a key two regions share.
	exact, byCore map[string]int
}

var regionGazetteer = sync.OnceValue(func() *gazetteer {
	g := &gazetteer{words: map[string]string{}, exact: map[string]int{}, byCore: map[string]int{}}
	for kind, words := range regionWordKinds {
		for _, w := range words {
			g.words[Fold(w)] = kind
		}
	}
	add := func(m map[string]int, k string, i int) {
		if j, ok := m[k]; ok && j != i {
			m[k] = -1
			return
		}
		m[k] = i
	}
	for i, row := range regionTable {
		g.regions = append(g.regions, Region{Key: row.key, En: row.en, Ru: row.ru, Uk: row.uk})
		names := []string{row.en, row.ru, row.uk}
		if row.also != "" {
			names = append(names, strings.Split(row.also, "|")...)
		}
		for _, n := range names {
			core, kind := g.core(n)
			if core == "" {
				continue
			}
			add(g.exact, core+"\x00"+kind, i)
			add(g.byCore, core, i)
		}
	}
	return g
})

// core folds s and splits it into the words that name a region (its core)
// and the strongest kind its other words tell.
func (g *gazetteer) core(s string) (core, kind string) {
	var b strings.Builder
	for _, w := range strings.Fields(Fold(s)) {
		if k, ok := g.words[w]; ok {
			if kindRank[k] > kindRank[kind] {
				kind = k
			}
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String(), kind
}
