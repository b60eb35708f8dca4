package vault

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"

	"kintrace/cases"
	"kintrace/cases/casegen"
	"kintrace/cases/patterns"
	"kintrace/cases/search"
	"kintrace/crypto"
)

// TestCaseEncoderMatchesMarshal checks that a sealing worker's reused
// buffers encode each case exactly as json.Marshal and appendOverview do,
// so the sealed plaintext is what it was.
func TestCaseEncoderMatchesMarshal(t *testing.T) {
	var e caseEncoder
	for i, c := range casegen.Generate(300, 11) {
		o := c.Overview()
		wantOv, err := appendOverview(nil, &o)
		if err != nil {
			t.Fatal(err)
		}
		wantDet, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		ov, det, err := e.encode(&c, &o)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(ov, wantOv) || !bytes.Equal(det, wantDet) {
			t.Fatalf("case %d: got %q / %q, want %q / %q", i, ov, det, wantOv, wantDet)
		}
		e.wipe()
		if bytes.ContainsFunc(ov, func(r rune) bool { return r != 0 }) || bytes.ContainsFunc(det, func(r rune) bool { return r != 0 }) {
			t.Fatalf("case %d: plaintext left after wipe", i)
		}
	}
}

// TestAddAllIndexesBeforeReturning checks that the indexes AddAll fills
// from the entries it prepared during the commit are those that putting
// the cases one by one gives, into a vault that already holds cases.
func TestAddAllIndexesBeforeReturning(t *testing.T) {
	defer crypto.UseInsecureKDFForTests()()
	ctx := context.Background()
	v, _, err := Create(filepath.Join(t.TempDir(), "v.kintrace"), []byte("correct horse battery staple"), CreateOptions{Owner: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	all := casegen.Generate(1300, 5)
	var added []cases.Case
	for _, batch := range [][]cases.Case{all[:3], all[3:1000], all[1000:]} { // one run, many, a part
		got, err := v.AddAll(ctx, batch)
		if err != nil {
			t.Fatal(err)
		}
		added = append(added, got...)
	}
	want := search.NewIndex()
	var idents patterns.Identifiers
	for _, c := range added {
		want.Put(c.Overview())
		idents.Put(c.Overview())
		if id, ok := v.numbers.lookup(c.Number); !ok || id != c.ID {
			t.Fatalf("case %s: number maps to %q", c.Number, id)
		}
	}
	if err := v.Index().SameAs(want); err != nil {
		t.Fatal(err)
	}
	if got := v.idents.Len(); got != len(added) {
		t.Fatalf("identifier index holds %d cases, want %d", got, len(added))
	}
	for _, c := range added {
		if got, want := v.idents.Of(c.ID), idents.Of(c.ID); !reflect.DeepEqual(got, want) {
			t.Fatalf("case %s: identifiers %+v, want %+v", c.Number, got, want)
		}
		if got, want := v.idents.Links(c.ID), idents.Links(c.ID); !reflect.DeepEqual(got, want) {
			t.Fatalf("case %s: links %+v, want %+v", c.Number, got, want)
		}
	}
}

// TestAddAllBulk: a batch of bulkCases or more is written with the
// rollback journal. It is still all or nothing (a taken id at its end
// leaves nothing of it, and the WAL mode back); a good one is stored in
// full, readable after reopening, each row at its own random rowid.
func TestAddAllBulk(t *testing.T) {
	defer crypto.UseInsecureKDFForTests()()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v.kintrace")
	pass := []byte("correct horse battery staple")
	v, _, err := Create(path, pass, CreateOptions{Owner: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { v.Close() }()
	first, err := v.Add(ctx, casegen.Generate(1, 3)[0])
	if err != nil {
		t.Fatal(err)
	}
	journal := func() string {
		var mode string
		if err := v.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
			t.Fatal(err)
		}
		return mode
	}
	batch := casegen.Generate(bulkCases+200, 7)
	for i := range batch {
		batch[i].ID, batch[i].Number = "", "" // given by AddAll
	}
	bad := append(append([]cases.Case(nil), batch...), first)
	if _, err := v.AddAll(ctx, bad); err == nil {
		t.Fatal("a batch ending with a stored case's id was accepted")
	}
	if n := v.Index().Len(); n != 1 {
		t.Fatalf("the failed batch left %d cases", n)
	}
	if m := journal(); m != "wal" {
		t.Fatalf("journal mode %q after a failed bulk AddAll", m)
	}
	added, err := v.AddAll(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	if m := journal(); m != "wal" {
		t.Fatalf("journal mode %q after a bulk AddAll", m)
	}
	v.Close()
	v, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Unlock(ctx, pass, nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range []cases.Case{added[0], added[len(added)/2], added[len(added)-1]} {
		if got, err := v.Get(ctx, c.ID); err != nil || got.Number != c.Number {
			t.Fatalf("case %s after reopening: %v", c.Number, err)
		}
	}
	if n := v.Index().Len(); n != len(batch)+1 {
		t.Fatalf("%d cases after reopening, want %d", n, len(batch)+1)
	}
	// Every row has its own random rowid (none from a sequence).
	rows, err := v.db.Query(`SELECT rowid FROM records ORDER BY rowid`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		seen[id] = true
	}
	if len(seen) < len(batch)+1 {
		t.Fatalf("%d distinct rowids for %d cases", len(seen), len(batch)+1)
	}
	small := 0
	for id := range seen {
		if id > -1<<40 && id < 1<<40 {
			small++
		}
	}
	if small > 1 {
		t.Fatalf("%d rowids near zero: not random", small)
	}
}
