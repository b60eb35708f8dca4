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
