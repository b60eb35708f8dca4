package patterns_test

import (
	"context"
	"fmt"
	"testing"

	"kintrace/cases"
	"kintrace/cases/patterns"
)

// laterCases are n overviews that all share one phone number, each with
// a phone of its own too.
func laterCases(n int) []cases.Overview {
	os := make([]cases.Overview, n)
	for i := range os {
		os[i] = cases.Overview{ID: fmt.Sprintf("c%05d", i), Number: fmt.Sprintf("KT-%05d", i),
			Phones: []string{"+7 912 555-01-23", fmt.Sprintf("+7 913 %03d-%02d-%02d", i%1000, i/1000%100, i%97)}}
	}
	return os
}

func TestPutAllLaterReadersWait(t *testing.T) {
	os := laterCases(3000)
	var x patterns.Identifiers
	x.PutAllLater(os)
	// The readers wait for the build: they never see a part of it.
	if got := x.Len(); got != len(os) {
		t.Fatalf("Len = %d, want %d", got, len(os))
	}
	select {
	case <-x.Ready():
	default:
		t.Fatal("Ready is not closed after a reader returned")
	}
	if err := x.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	links := x.Links("c00007")
	if len(links) != 1 || links[0].Total != len(os)-1 {
		t.Fatalf("Links = %+v, want the shared phone with %d other cases", links, len(os)-1)
	}
}

func TestPutAllLaterNewerWritesWin(t *testing.T) {
	os := laterCases(3000)
	var x patterns.Identifiers
	x.PutAllLater(os)
	// Whether or not the build is done by now, what is written after it
	// started is what the index holds.
	changed := os[10]
	changed.Phones = []string{"+7 999 000-00-01"}
	x.Put(changed)
	x.Remove(os[20].ID)
	x.PutBatch(patterns.Prepare([]cases.Overview{{ID: "new", Phones: []string{"+7 999 000-00-01"}}}))
	if got, want := x.Len(), len(os); got != want { // one removed, one added
		t.Fatalf("Len = %d, want %d", got, want)
	}
	if ids := x.Of(os[20].ID); ids != nil {
		t.Errorf("removed case has identifiers %v", ids)
	}
	refs := x.CasesOf(patterns.Identifier{Kind: patterns.IdentPhone, Key: "79990000001"})
	if len(refs) != 2 {
		t.Errorf("CasesOf(new phone) = %+v, want the changed case and the new one", refs)
	}
	refs = x.CasesOf(patterns.Identifier{Kind: patterns.IdentPhone, Key: "79125550123"})
	if len(refs) != len(os)-2 {
		t.Errorf("CasesOf(shared phone) = %d cases, want %d", len(refs), len(os)-2)
	}
}

func TestPutAllLaterClearAbandons(t *testing.T) {
	var x patterns.Identifiers
	x.PutAllLater(laterCases(3000))
	x.Clear()
	select {
	case <-x.Ready():
	default:
		t.Fatal("Ready is not closed after Clear")
	}
	if got := x.Len(); got != 0 {
		t.Fatalf("Len after Clear = %d, want 0", got)
	}
	// A build after the abandoned one fills the index.
	x.PutAllLater(laterCases(10))
	if got := x.Len(); got != 10 {
		t.Fatalf("Len = %d, want 10", got)
	}
}

func TestWaitCancelled(t *testing.T) {
	var x patterns.Identifiers
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	// Nothing under way: Wait returns nil even with a done context.
	if err := x.Wait(ctx); err != nil {
		t.Fatalf("Wait with no build = %v", err)
	}
}
