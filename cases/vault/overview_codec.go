package vault

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	"kintrace/cases"
	"kintrace/crypto"
)

// The sealed overview's plaintext (docs/FORMAT.md, "Blobs and their
// associated data"). Vaults written before the binary encoding hold the JSON
// of the Overview, which begins with '{'; it is still read.
const (
	overviewBinaryV3 = 0x03 // format byte of the binary encoding below
	// overviewBinaryV2 is the encoding without the open follow-ups and
	// requests (before casework): unlock computes such an overview again
	// from the case, as for overviewBinaryV1.
	overviewBinaryV2 = 0x02
	// overviewBinaryV1 is the encoding without LastSign, written before
	// events had origins: its LastContact counted every sign of life, so
	// unlock computes such an overview again from the case
	// (overviewIsStale) and stores it anew.
	overviewBinaryV1 = 0x01
	overviewJSON     = '{'
)

// overviewIsStale reports whether a sealed overview's plaintext predates
// the current meaning of its fields (see overviewBinaryV1).
func overviewIsStale(b []byte) bool { return len(b) > 0 && b[0] != overviewBinaryV3 }

// overviewNeedsCase tells whether a stale overview must be computed anew
// from its case. Encoding 0x02 need not: it differs from 0x03 only by the
// open requests and follow-ups, which no case of its time (vault format 2)
// could hold, so it decodes to the exact overview and is only re-encoded.
func overviewNeedsCase(b []byte) bool { return overviewIsStale(b) && b[0] != overviewBinaryV2 }

// appendOverview appends the binary encoding of o to dst:
//
//	0x03 ‖ str(ID) ‖ str(Number) ‖ varint(Version) ‖ str(Name) ‖ flags ‖
//	varint(BirthYear) ‖ str(MergedInto) ‖ str(Status) ‖ str(Priority) ‖
//	str(AssignedTo) ‖ str(Facility) ‖ str(Region) ‖ str(Unit) ‖
//	list(Aliases) ‖ list(Tags) ‖ list(Places) ‖ list(Phones) ‖ list(Handles) ‖
//	list(Texts) ‖ list(Verifications) ‖ time(LastContact) ‖ time(LastSign) ‖
//	time(CreatedAt) ‖ time(UpdatedAt) ‖ items(FollowUps: ID, Due, Owner, Note) ‖
//	items(Requests: ID, Due, Kind, Authority)
//
// (Encoding 0x02 is the same without the two items; 0x01 also without
// time(LastSign).) items is uvarint(0) for a nil list or uvarint(n+1)
// followed by n items of four strs each.
//
// str is uvarint(length) ‖ bytes; flags is one byte, bit 0 Pseudonym; list is
// uvarint(0) for a nil list or uvarint(n+1) followed by n strs; time is one
// length byte, 0 for the zero time, else the length of time.AppendBinary's
// output followed by it. Varints are encoding/binary's. It fails only for a
// time whose zone offset time.AppendBinary cannot encode.
func appendOverview(dst []byte, o *cases.Overview) ([]byte, error) {
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
	dst = append(dst, overviewBinaryV3)
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
	tm(o.LastSign)
	tm(o.CreatedAt)
	tm(o.UpdatedAt)
	items := func(n int, nilList bool, item func(i int) [4]string) {
		if nilList {
			dst = append(dst, 0)
			return
		}
		dst = binary.AppendUvarint(dst, uint64(n)+1)
		for i := range n {
			for _, s := range item(i) {
				str(s)
			}
		}
	}
	items(len(o.FollowUps), o.FollowUps == nil, func(i int) [4]string {
		f := &o.FollowUps[i]
		return [4]string{f.ID, string(f.Due), f.Owner, f.Note}
	})
	items(len(o.Requests), o.Requests == nil, func(i int) [4]string {
		r := &o.Requests[i]
		return [4]string{r.ID, string(r.Due), string(r.Kind), r.Authority}
	})
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
func decodeOverview(b []byte, in interner) (cases.Overview, error) {
	var o cases.Overview
	if len(b) == 0 {
		return o, errOverviewFormat
	}
	switch b[0] {
	case overviewJSON:
		if err := json.Unmarshal(b, &o); err != nil {
			return cases.Overview{}, errOverviewFormat
		}
		return o, nil
	case overviewBinaryV1, overviewBinaryV2, overviewBinaryV3:
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
	o.Status = cases.Status(d.str(true))
	o.Priority = cases.Priority(d.str(true))
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
		return cases.Overview{}, errOverviewFormat
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
		o.Verifications = make([]cases.Verification, lens[6])
		for i := range o.Verifications {
			o.Verifications[i] = cases.Verification(all[at+i])
		}
	}
	o.LastContact = d.time()
	if b[0] >= overviewBinaryV2 {
		o.LastSign = d.time()
	}
	o.CreatedAt = d.time()
	o.UpdatedAt = d.time()
	if b[0] >= overviewBinaryV3 {
		o.FollowUps, o.Requests = d.casework()
	}
	if d.bad || len(d.b) != 0 {
		return cases.Overview{}, errOverviewFormat
	}
	return o, nil
}

// casework reads the two item lists of encoding 0x03.
func (d *overviewDecoder) casework() ([]cases.OpenFollowUp, []cases.OpenRequest) {
	count := func() (int, bool) {
		n := d.uvarint()
		if d.bad || n > uint64(len(d.b))/4+1 { // every item takes at least four bytes
			d.fail()
			return 0, false
		}
		return int(n) - 1, n > 0
	}
	var fs []cases.OpenFollowUp
	var rs []cases.OpenRequest
	if n, ok := count(); ok {
		fs = make([]cases.OpenFollowUp, n)
		for i := range fs {
			fs[i] = cases.OpenFollowUp{ID: d.str(false), Due: cases.Date(d.str(true)), Owner: d.str(true), Note: d.str(false)}
		}
	}
	if n, ok := count(); ok {
		rs = make([]cases.OpenRequest, n)
		for i := range rs {
			rs[i] = cases.OpenRequest{ID: d.str(false), Due: cases.Date(d.str(true)), Kind: cases.AuthorityKind(d.str(true)), Authority: d.str(true)}
		}
	}
	return fs, rs
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
	// UnmarshalBinary takes any 32-bit nanosecond count; one of 10⁹ or more
	// is not a time the encoder writes and makes a Time whose IsZero and
	// encoding disagree (found by make fuzz-long).
	if n < 13 || binary.BigEndian.Uint32(d.b[9:13]) >= 1e9 {
		d.fail()
		return time.Time{}
	}
	d.b = d.b[n:]
	return t
}
