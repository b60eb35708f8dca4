package cases

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"kintrace/crypto"
)

// Overview is what the case list shows and search matches: a case's
// identifying facts without its reporters' contact details. It is built by
// Case.Overview and kept in the Index.
type Overview struct {
	ID, Number string
	Version    int64
	Name       string
	Pseudonym  bool
	// BirthYear is the year of the person's birth date; 0 if unknown.
	BirthYear int
	// MergedInto is Case.MergedInto: such a case leaves the default list.
	MergedInto string
	Aliases    []string
	Status     Status
	Priority   Priority
	Tags       []string
	AssignedTo string
	Facility   string
	Region     string
	Unit       string
	// Places holds the names and regions of the case's places.
	Places []string
	// Phones holds the person's numbers as typed.
	Phones []string
	// Handles holds the values of the person's messenger handles.
	Handles []string
	// Texts holds what else search should find: each event's text, "from"
	// and place; the person's features and recruiter; who made each promise
	// and what; reporters' names and relations; the notes.
	Texts []string
	// Verifications lists the verification levels the events use, in the
	// order of AllVerifications.
	Verifications []Verification
	// LastContact is the start of the latest date among events that are a
	// sign of life (message_received, call, contact_restored, sighting);
	// zero if there is none.
	LastContact time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Overview returns c's Overview. The slices are new, so c may change later.
func (c Case) Overview() Overview {
	o := Overview{
		ID:         c.ID,
		Number:     c.Number,
		Version:    c.Version,
		Name:       c.Person.Name,
		Pseudonym:  c.Person.Pseudonym,
		Aliases:    slices.Clone(c.Person.Aliases),
		Status:     c.Status,
		Priority:   c.Priority,
		Tags:       slices.Clone(c.Tags),
		AssignedTo: c.AssignedTo,
		Facility:   c.Person.Facility,
		Region:     c.Person.Region,
		Unit:       c.Person.Unit,
		Phones:     slices.Clone(c.Person.Phones),
		CreatedAt:  c.CreatedAt,
		UpdatedAt:  c.UpdatedAt,
		MergedInto: c.MergedInto,
	}
	if t := c.Person.BirthDate.Time(); !t.IsZero() {
		o.BirthYear = t.Year()
	}
	for _, h := range c.Person.Handles {
		o.Handles = appendNonEmpty(o.Handles, h.Value)
	}
	for _, p := range c.Places {
		o.Places = appendNonEmpty(o.Places, p.Name)
		o.Places = appendNonEmpty(o.Places, p.Region)
	}
	o.Texts = appendNonEmpty(o.Texts, c.Person.Features)
	o.Texts = appendNonEmpty(o.Texts, c.Person.RecruitedBy)
	var seen [4]bool
	var last Date
	for _, e := range c.Events {
		o.Texts = appendNonEmpty(o.Texts, e.Text)
		o.Texts = appendNonEmpty(o.Texts, e.From)
		o.Texts = appendNonEmpty(o.Texts, e.Place)
		if i := slices.Index(AllVerifications, e.Verification); i >= 0 {
			seen[i] = true
		}
		if e.Type.IsContact() && !e.Date.IsZero() && e.Date.Compare(last) > 0 {
			last = e.Date
		}
	}
	for i, v := range AllVerifications {
		if seen[i] {
			o.Verifications = append(o.Verifications, v)
		}
	}
	o.LastContact = last.Time()
	for _, p := range c.Promises {
		o.Texts = appendNonEmpty(o.Texts, p.What)
		o.Texts = appendNonEmpty(o.Texts, p.By)
	}
	for _, r := range c.Reporters {
		o.Texts = appendNonEmpty(o.Texts, r.Name)
		o.Texts = appendNonEmpty(o.Texts, r.Relation)
	}
	o.Texts = appendNonEmpty(o.Texts, c.Notes)
	return o
}

func appendNonEmpty(list []string, s string) []string {
	if s == "" {
		return list
	}
	return append(list, s)
}

// silentSince is when the case last had a sign of life: LastContact, or
// CreatedAt when there was none.
func (o *Overview) silentSince() time.Time {
	if o.LastContact.IsZero() {
		return o.CreatedAt
	}
	return o.LastContact
}

// The sealed overview's plaintext (docs/FORMAT.md, "Blobs and their
// associated data"). Vaults written before the binary encoding hold the JSON
// of the Overview, which begins with '{'; it is still read.
const (
	overviewBinaryV1 = 0x01 // format byte of the binary encoding below
	overviewJSON     = '{'
)

// appendOverview appends the binary encoding of o to dst:
//
//	0x01 ‖ str(ID) ‖ str(Number) ‖ varint(Version) ‖ str(Name) ‖ flags ‖
//	varint(BirthYear) ‖ str(MergedInto) ‖ str(Status) ‖ str(Priority) ‖
//	str(AssignedTo) ‖ str(Facility) ‖ str(Region) ‖ str(Unit) ‖
//	list(Aliases) ‖ list(Tags) ‖ list(Places) ‖ list(Phones) ‖ list(Handles) ‖
//	list(Texts) ‖ list(Verifications) ‖ time(LastContact) ‖ time(CreatedAt) ‖
//	time(UpdatedAt)
//
// str is uvarint(length) ‖ bytes; flags is one byte, bit 0 Pseudonym; list is
// uvarint(0) for a nil list or uvarint(n+1) followed by n strs; time is one
// length byte, 0 for the zero time, else the length of time.AppendBinary's
// output followed by it. Varints are encoding/binary's. It fails only for a
// time whose zone offset time.AppendBinary cannot encode.
func appendOverview(dst []byte, o *Overview) ([]byte, error) {
	var err error
	str := func(s string) {
		dst = binary.AppendUvarint(dst, uint64(len(s)))
		dst = append(dst, s...)
	}
	list := func(l []string) {
		if l == nil {
			dst = append(dst, 0)
			return
		}
		dst = binary.AppendUvarint(dst, uint64(len(l))+1)
		for _, s := range l {
			str(s)
		}
	}
	tm := func(t time.Time) {
		// Overview times are instants: stored in UTC, so that decoding and
		// encoding again gives the same bytes whatever zone they came in.
		t = t.UTC()
		if t.IsZero() {
			dst = append(dst, 0)
			return
		}
		at := len(dst)
		dst = append(dst, 0)
		var terr error
		if dst, terr = t.AppendBinary(dst); terr != nil && err == nil {
			err = fmt.Errorf("overview encoding: %w", terr)
		}
		dst[at] = byte(len(dst) - at - 1)
	}
	dst = append(dst, overviewBinaryV1)
	str(o.ID)
	str(o.Number)
	dst = binary.AppendVarint(dst, o.Version)
	str(o.Name)
	var flags byte
	if o.Pseudonym {
		flags |= 1
	}
	dst = append(dst, flags)
	dst = binary.AppendVarint(dst, int64(o.BirthYear))
	str(o.MergedInto)
	str(string(o.Status))
	str(string(o.Priority))
	str(o.AssignedTo)
	str(o.Facility)
	str(o.Region)
	str(o.Unit)
	for _, l := range [...][]string{o.Aliases, o.Tags, o.Places, o.Phones, o.Handles, o.Texts} {
		list(l)
	}
	if o.Verifications == nil {
		dst = append(dst, 0)
	} else {
		dst = binary.AppendUvarint(dst, uint64(len(o.Verifications))+1)
		for _, v := range o.Verifications {
			str(string(v))
		}
	}
	tm(o.LastContact)
	tm(o.CreatedAt)
	tm(o.UpdatedAt)
	return dst, err
}

// interner hands out one string for equal byte sequences, so that the
// facilities, regions, tags and sentences that many cases share are held
// once. It is not safe for concurrent use; unlock gives each worker one.
type interner map[string]string

func (in interner) intern(b []byte) string {
	if s, ok := in[string(b)]; ok { // no allocation for the lookup
		return s
	}
	s := string(b)
	in[s] = s
	return s
}

// errOverviewFormat is how a malformed overview plaintext is reported (it
// passed its AEAD check, so it was written by a faulty program).
var errOverviewFormat = fmt.Errorf("overview encoding: %w", crypto.ErrCorrupt)

// decodeOverview reads a sealed overview's plaintext: the binary encoding
// of appendOverview, or the JSON of older vaults. Strings other than the id
// and number go through in, which may be nil. The lists of one overview
// share one backing array, each capped at its own length.
func decodeOverview(b []byte, in interner) (Overview, error) {
	var o Overview
	if len(b) == 0 {
		return o, errOverviewFormat
	}
	switch b[0] {
	case overviewJSON:
		if err := json.Unmarshal(b, &o); err != nil {
			return Overview{}, errOverviewFormat
		}
		return o, nil
	case overviewBinaryV1:
	default:
		return o, fmt.Errorf("overview encoding %#x: %w", b[0], crypto.ErrUnsupported)
	}
	d := overviewDecoder{b: b[1:], in: in}
	o.ID = d.str(false)
	o.Number = d.str(false)
	o.Version = d.varint()
	o.Name = d.str(true)
	flags := d.byte()
	o.Pseudonym = flags&1 != 0
	if flags&^1 != 0 {
		d.fail()
	}
	o.BirthYear = int(d.varint())
	o.MergedInto = d.str(false)
	o.Status = Status(d.str(true))
	o.Priority = Priority(d.str(true))
	o.AssignedTo = d.str(true)
	o.Facility = d.str(true)
	o.Region = d.str(true)
	o.Unit = d.str(true)

	// Six lists of strings and the verifications, read into one array.
	var lens [7]int
	var nils [7]bool
	var scratch [64]string
	all := scratch[:0]
	for i := range lens {
		n := d.uvarint()
		if d.bad || n > uint64(len(d.b)) { // every element takes at least a byte
			d.fail()
			break
		}
		if n == 0 {
			nils[i] = true
			continue
		}
		lens[i] = int(n - 1)
		for range lens[i] {
			// Phone numbers seldom repeat: not worth interning.
			all = append(all, d.str(i != 3 && i != 4))
		}
	}
	if d.bad {
		return Overview{}, errOverviewFormat
	}
	all = append(make([]string, 0, len(all)), all...) // an empty list stays empty, not nil
	lists := [...]*[]string{&o.Aliases, &o.Tags, &o.Places, &o.Phones, &o.Handles, &o.Texts}
	at := 0
	for i, l := range lists {
		if !nils[i] {
			*l = all[at : at+lens[i] : at+lens[i]]
		}
		at += lens[i]
	}
	if !nils[6] {
		o.Verifications = make([]Verification, lens[6])
		for i := range o.Verifications {
			o.Verifications[i] = Verification(all[at+i])
		}
	}
	o.LastContact = d.time()
	o.CreatedAt = d.time()
	o.UpdatedAt = d.time()
	if d.bad || len(d.b) != 0 {
		return Overview{}, errOverviewFormat
	}
	return o, nil
}

// overviewDecoder reads appendOverview's fields; after the first error it
// returns zero values and sets bad.
type overviewDecoder struct {
	b   []byte
	in  interner
	bad bool
}

func (d *overviewDecoder) fail() { d.bad, d.b = true, nil }

func (d *overviewDecoder) byte() byte {
	if len(d.b) == 0 {
		d.fail()
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *overviewDecoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *overviewDecoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *overviewDecoder) str(intern bool) string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
	}
	if d.bad || n == 0 {
		return ""
	}
	b := d.b[:n]
	d.b = d.b[n:]
	if intern && d.in != nil {
		return d.in.intern(b)
	}
	return string(b)
}

func (d *overviewDecoder) time() time.Time {
	n := int(d.byte())
	if d.bad || n == 0 {
		return time.Time{}
	}
	if n > len(d.b) {
		d.fail()
		return time.Time{}
	}
	var t time.Time
	if err := t.UnmarshalBinary(d.b[:n]); err != nil {
		d.fail()
		return time.Time{}
	}
	d.b = d.b[n:]
	return t
}
