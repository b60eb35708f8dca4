package report

import (
	"cmp"
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"strings"

	"kintrace/cases"
	"kintrace/cases/search"
)

// DefaultMinCount is the smallest number of cases a facility or region
// must have to be named in the statistics.
const DefaultMinCount = 3

// StatsOptions choose how statistics are written.
type StatsOptions struct {
	Options
	// MinCount is the smallest count at which a facility or region is
	// named; smaller ones are added up in one "other" row, so that a place
	// with one or two cases does not point at those people. 0 means
	// DefaultMinCount; 1 names every place.
	MinCount int
}

// Statistics writes anonymised counts of the cases as CSV with three
// columns (dimension, value, cases): the total, then counts by status, by
// facility, by region and by month of last contact, and the numbers of
// requests awaiting an answer, of those past their deadline and of open
// follow-ups. It holds no names, phone
// numbers, case numbers or free text: only enumeration labels, month
// numbers, and the facility and region names that at least MinCount cases
// share (places, not people).
func Statistics(w io.Writer, list []cases.Overview, opt StatsOptions) error {
	if err := opt.check(); err != nil {
		return err
	}
	t := opt.labels()
	minCount := opt.MinCount
	if minCount <= 0 {
		minCount = DefaultMinCount
	}
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	write := func(dim, value string, n int) {
		_ = cw.Write([]string{dim, spreadsheetSafe(value), strconv.Itoa(n)})
	}
	if err := cw.Write([]string{t.T("stats.dimension"), t.T("stats.value"), t.T("stats.cases")}); err != nil {
		return err
	}

	write(t.T("stats.total"), "", len(list))

	byStatus := map[cases.Status]int{}
	facilities := newPlaceCounter(search.Fold, nil)
	regions := newPlaceCounter(search.RegionKey, func(s string) string { return search.RegionName(s, string(t.Lang())) })
	months := map[string]int{}
	unconfirmed := 0
	var openReqs, overdueReqs, openFollowUps int
	for i := range list {
		o := &list[i]
		openReqs += len(o.Requests)
		overdueReqs += o.OverdueRequests(opt.now())
		openFollowUps += len(o.FollowUps)
		byStatus[o.Status]++
		facilities.add(o.Facility)
		regions.add(o.Region)
		month := ""
		if !o.LastContact.IsZero() {
			month = o.LastContact.UTC().Format("2006-01")
		}
		months[month]++
		if o.UnconfirmedSince() {
			unconfirmed++
		}
	}
	for _, s := range cases.AllStatuses {
		write(t.T("stats.by_status"), t.Enum("status", string(s)), byStatus[s])
	}
	for _, row := range facilities.rows(t, minCount) {
		write(t.T("stats.by_facility"), row.value, row.n)
	}
	for _, row := range regions.rows(t, minCount) {
		write(t.T("stats.by_region"), row.value, row.n)
	}
	keys := make([]string, 0, len(months))
	for k := range months {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if k == "" {
			continue
		}
		write(t.T("stats.by_month"), k, months[k])
	}
	if n := months[""]; n > 0 {
		write(t.T("stats.by_month"), t.T("stats.never_confirmed"), n)
	}
	write(t.T("stats.unconfirmed_since"), "", unconfirmed)
	write(t.T("stats.requests_open"), "", openReqs)
	write(t.T("stats.requests_overdue"), "", overdueReqs)
	write(t.T("stats.followups_open"), "", openFollowUps)
	cw.Flush()
	if opt.Progress != nil {
		opt.Progress(len(list), len(list))
	}
	return cw.Error()
}

// placeCounter counts facilities or regions, grouping spellings that have
// the same key ("ИК-17, Мордовия" and "IK-17, Mordovia" fold alike; a
// region written "Mordovia" or "Республика Мордовия" is one gazetteer
// region) under the most common one, or under its name when name is set.
type placeCounter struct {
	key    func(string) string
	name   func(string) string
	groups map[string]*placeGroup
	none   int
}

type placeGroup struct {
	n         int
	spellings map[string]int
}

type countRow struct {
	value string
	n     int
}

func newPlaceCounter(key, name func(string) string) *placeCounter {
	return &placeCounter{key: key, name: name, groups: map[string]*placeGroup{}}
}

func (p *placeCounter) add(s string) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		p.none++
		return
	}
	key := p.key(s)
	g := p.groups[key]
	if g == nil {
		g = &placeGroup{spellings: map[string]int{}}
		p.groups[key] = g
	}
	g.n++
	g.spellings[s]++
}

func (p *placeCounter) rows(t *Labels, minCount int) []countRow {
	var named []countRow
	small := 0
	for _, g := range p.groups {
		if g.n < minCount {
			small += g.n
			continue
		}
		best, bestN := "", 0
		for s, n := range g.spellings {
			if n > bestN || n == bestN && s < best {
				best, bestN = s, n
			}
		}
		if p.name != nil {
			best = p.name(best)
		}
		named = append(named, countRow{best, g.n})
	}
	slices.SortFunc(named, func(a, b countRow) int {
		if c := cmp.Compare(b.n, a.n); c != 0 {
			return c
		}
		return strings.Compare(a.value, b.value)
	})
	if small > 0 {
		named = append(named, countRow{t.T("stats.small", "n", strconv.Itoa(minCount)), small})
	}
	if p.none > 0 {
		named = append(named, countRow{t.T("stats.none"), p.none})
	}
	return named
}
