package exchange_test

import (
	"errors"
	"maps"
	"testing"

	"kintrace/cases/exchange"
	"kintrace/cases/vault"
	"kintrace/cases/vault/vaulttest"
)

// round sends every change: A and B to C, C takes them in and sends to
// both, and A and B take in C's files; then the receipts travel once more.
// It returns what each send carried.
func round(t *testing.T, a, b, c *peer) (aToC, bToC, cToA, cToB exchange.SendResult) {
	t.Helper()
	aToC = send(t, a, "C", exchange.SendOptions{})
	bToC = send(t, b, "C", exchange.SendOptions{})
	sync(t, a, c)
	sync(t, b, c)
	receiveAll(t, c)
	cToA = send(t, c, "A", exchange.SendOptions{})
	cToB = send(t, c, "B", exchange.SendOptions{})
	sync(t, c, a)
	sync(t, c, b)
	receiveAll(t, a)
	receiveAll(t, b)
	// Receipts of A and B for C's files.
	sync(t, a, c)
	sync(t, b, c)
	receiveAll(t, c)
	return
}

// TestThreeVaults: workers A and B and coordinator C exchange through
// folders (copied as a sync would) over several rounds with edits, a
// conflict and a deletion. Every bundle after the first carries only what
// changed, receipts stop re-sending, and all three end with the same
// versions of every case.
func TestThreeVaults(t *testing.T) {
	a, b, c := newPeer(t, "A"), newPeer(t, "B"), newPeer(t, "C")
	befriend(t, a, b, c)

	// Round 1: A has five cases (one with an attachment), B three.
	var aCases []string
	for _, n := range []string{"Сергей Лебедев", "Иван Петров", "Олег Сидоров", "Павел Орлов", "Антон Волков"} {
		aCases = append(aCases, addCase(t, a, n).ID)
	}
	if _, err := a.v.AddAttachment(ctx, aCases[0], nil, "scan.pdf", vaulttest.NewPattern(50_000, 1), nil); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"Дмитрий Козлов", "Юрий Морозов", "Игорь Новиков"} {
		addCase(t, b, n)
	}
	aToC, bToC, cToA, cToB := round(t, a, b, c)
	if aToC.Cases != 5 || aToC.Attachments != 1 || bToC.Cases != 3 {
		t.Fatalf("first sends: A %+v, B %+v", aToC, bToC)
	}
	// C sends each worker only what the other one wrote.
	if cToA.Cases != 3 || cToB.Cases != 5 || cToB.Attachments != 1 || cToA.Attachments != 0 {
		t.Fatalf("C's first sends: to A %+v, to B %+v", cToA, cToB)
	}
	firstBytes := aToC.Bytes
	checkSame(t, a, b, c)
	acked(t, a, "C")
	acked(t, c, "A")
	acked(t, c, "B")

	// Nothing changed: nothing is sent, not even with Resend (everything
	// was acknowledged).
	for _, p := range []*peer{a, b} {
		if _, err := exchange.Send(ctx, p.v, p.contact(t, "C"), exchange.SendOptions{Resend: true}); !errors.Is(err, exchange.ErrNothingToSend) {
			t.Fatalf("%s resends after receipts: %v", p.name, err)
		}
	}

	// Round 2: A edits one of its cases, B one of A's.
	edit(t, a, aCases[1], "transferred, per the lawyer")
	edit(t, b, aCases[2], "letter sent to the ministry")
	aToC, bToC, cToA, cToB = round(t, a, b, c)
	if aToC.Cases != 1 || bToC.Cases != 1 || cToA.Cases != 1 || cToB.Cases != 1 || aToC.Attachments+cToB.Attachments != 0 {
		t.Fatalf("second round: A→C %+v B→C %+v C→A %+v C→B %+v", aToC, bToC, cToA, cToB)
	}
	if aToC.Bytes*2 > firstBytes {
		t.Errorf("an incremental bundle of one case is %d bytes, the first %d", aToC.Bytes, firstBytes)
	}
	checkSame(t, a, b, c)

	// Round 3: a conflict. A and B edit the same case; C takes A's as an
	// update and B's as a conflict, and resolves it.
	edit(t, a, aCases[3], "seen in Rostov (A)")
	edit(t, b, aCases[3], "seen in Donetsk (B)")
	send(t, a, "C", exchange.SendOptions{})
	send(t, b, "C", exchange.SendOptions{})
	sync(t, a, c)
	sync(t, b, c)
	receiveAll(t, c)
	cfs, err := c.v.Conflicts(ctx)
	if err != nil || len(cfs) != 1 || cfs[0].CaseID != aCases[3] {
		t.Fatalf("C's conflicts: %+v, %v", cfs, err)
	}
	merged, err := c.v.Get(ctx, aCases[3])
	if err != nil {
		t.Fatal(err)
	}
	merged.Notes = "seen in Rostov, then Donetsk"
	if _, err := c.v.ResolveConflict(ctx, cfs[0].ID, merged); err != nil {
		t.Fatal(err)
	}
	cToA, cToB = send(t, c, "A", exchange.SendOptions{}), send(t, c, "B", exchange.SendOptions{})
	if cToA.Cases != 1 || cToB.Cases != 1 {
		t.Fatalf("the resolution: to A %+v, to B %+v", cToA, cToB)
	}
	sync(t, c, a)
	sync(t, c, b)
	receiveAll(t, a)
	receiveAll(t, b)
	// B's own version is what C merged: B takes C's resolution.
	bcfs, err := b.v.Conflicts(ctx)
	if err != nil || len(bcfs) != 1 {
		t.Fatalf("B's conflicts: %+v, %v", bcfs, err)
	}
	if _, err := b.v.TakeIncomingConflict(ctx, bcfs[0].ID); err != nil {
		t.Fatal(err)
	}
	aToC, bToC, cToA, cToB = round(t, a, b, c)
	if aToC.Cases+bToC.Cases+cToA.Cases+cToB.Cases != 0 {
		t.Fatalf("after the conflict, sends: %+v %+v %+v %+v", aToC, bToC, cToA, cToB)
	}
	checkSame(t, a, b, c)

	// Round 4: A deletes a case; C and B confirm the deletion.
	if err := a.v.Delete(ctx, aCases[4]); err != nil {
		t.Fatal(err)
	}
	aToC, bToC, cToA, cToB = round(t, a, b, c)
	if aToC.Deletions != 1 || aToC.Cases != 0 || cToB.Deletions != 1 || cToA.Deletions != 0 || bToC.Deletions != 0 {
		t.Fatalf("the deletion: A→C %+v B→C %+v C→A %+v C→B %+v", aToC, bToC, cToA, cToB)
	}
	for _, p := range []*peer{a, b, c} {
		if _, err := p.v.Get(ctx, aCases[4]); !errors.Is(err, vault.ErrNotFound) {
			t.Errorf("%s still has the deleted case: %v", p.name, err)
		}
	}
	checkSame(t, a, b, c)

	// Quiet: every send is empty, even with Resend, and every contact has
	// acknowledged everything.
	for _, p := range []*peer{a, b, c} {
		for _, q := range []*peer{a, b, c} {
			if p == q || p != c && q != c {
				continue
			}
			if _, err := exchange.Send(ctx, p.v, p.contact(t, q.name), exchange.SendOptions{Resend: true}); !errors.Is(err, exchange.ErrNothingToSend) {
				t.Errorf("%s→%s at the end: %v", p.name, q.name, err)
			}
			acked(t, p, q.name)
		}
	}
}

// checkSame fails unless the peers hold the same cases at the same
// versions (by hash), and no conflict is left.
func checkSame(t *testing.T, ps ...*peer) {
	t.Helper()
	want := holdings(t, ps[0])
	for _, p := range ps {
		if got := holdings(t, p); !maps.Equal(got, want) {
			t.Fatalf("%s holds %d cases, %s %d, or versions differ", p.name, len(got), ps[0].name, len(want))
		}
		if cfs, err := p.v.Conflicts(ctx); err != nil || len(cfs) != 0 {
			t.Fatalf("%s has %d conflicts, %v", p.name, len(cfs), err)
		}
	}
}

// acked fails unless p's contact name has acknowledged everything sent.
func acked(t *testing.T, p *peer, name string) {
	t.Helper()
	sts, err := exchange.Statuses(ctx, p.v, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sts {
		if s.Contact.Name == name {
			if !s.UpToDate() {
				t.Fatalf("%s: %s has not acknowledged everything: %+v", p.name, name, s)
			}
			return
		}
	}
	t.Fatalf("%s has no contact %s", p.name, name)
}
