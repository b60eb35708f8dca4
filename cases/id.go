package cases

import (
	"crypto/rand"
	"encoding/binary"
	"time"
)

const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// NewID returns a random, time-sortable case id: 48 bits of milliseconds
// and 80 random bits in Crockford base32 (26 characters, like a ULID).
// The id travels inside sealed blobs and bundles; on disk rows are keyed by
// an opaque keyed hash of it, so the creation time does not leak.
func NewID() string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(time.Now().UnixMilli())<<16)
	if _, err := rand.Read(b[6:]); err != nil {
		panic("cases: no randomness: " + err.Error())
	}
	// 128 bits -> 26 base32 digits (the top 2 bits of the first digit are 0).
	var out [26]byte
	hi := binary.BigEndian.Uint64(b[:8])
	lo := binary.BigEndian.Uint64(b[8:])
	for i := 25; i >= 0; i-- {
		out[i] = crockford[lo&31]
		lo = lo>>5 | hi<<59
		hi >>= 5
	}
	return string(out[:])
}

// NewNumberPrefix returns the vault's short case-number prefix: three Crockford
// base32 characters, so numbers from different vaults do not collide.
func NewNumberPrefix() string {
	var b [3]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("cases: no randomness: " + err.Error())
	}
	out := make([]byte, 3)
	for i := range b {
		out[i] = crockford[b[i]&31]
	}
	return string(out)
}

// NewItemID returns a short random id for an item inside a case (a request,
// a follow-up): 8 Crockford base32 characters, 40 random bits, unique
// enough among the items of one case.
func NewItemID() string {
	var b [5]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("cases: no randomness: " + err.Error())
	}
	v := uint64(b[0])<<32 | uint64(b[1])<<24 | uint64(b[2])<<16 | uint64(b[3])<<8 | uint64(b[4])
	var out [8]byte
	for i := 7; i >= 0; i-- {
		out[i] = crockford[v&31]
		v >>= 5
	}
	return string(out[:])
}
