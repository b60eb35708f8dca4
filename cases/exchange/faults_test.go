package exchange_test

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"kintrace/cases/bundle"
	"kintrace/cases/exchange"
	"kintrace/crypto"
)

// statuses lists the items' statuses in inbox order.
func statuses(items []exchange.InboxItem) []exchange.Status {
	out := make([]exchange.Status, len(items))
	for i, it := range items {
		out[i] = it.Status
	}
	return out
}

// sendOne writes A's changes for C and returns the outbox file.
func sendOne(t *testing.T, a *peer) string {
	t.Helper()
	res := send(t, a, "C", exchange.SendOptions{})
	if len(res.Paths) != 1 {
		t.Fatalf("send: %+v", res)
	}
	return res.Paths[0]
}

// TestTruncatedBundle: a bundle cut short mid-sync shows as damaged and
// changes nothing; once the whole file has arrived it imports.
func TestTruncatedBundle(t *testing.T) {
	a, c := newPeer(t, "A"), newPeer(t, "C")
	befriend(t, a, c)
	addCase(t, a, "Сергей Лебедев")
	src := sendOne(t, a)
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(c.folder.Inbox(), filepath.Base(src))
	// While the sync writes it, the file is too recent to be read.
	if err := os.WriteFile(dst, data[:len(data)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	if got := statuses(scan(t, c)); !slices.Equal(got, []exchange.Status{exchange.StatusArriving}) {
		t.Fatalf("a file being written: %v", got)
	}
	// Syncthing's temporary names are not even listed.
	tmp := filepath.Join(c.folder.Inbox(), ".syncthing."+filepath.Base(src)+".tmp")
	if err := os.WriteFile(tmp, data[:100], 0o600); err != nil {
		t.Fatal(err)
	}
	settle(t, tmp)
	settle(t, dst)
	items := scan(t, c)
	if got := statuses(items); !slices.Equal(got, []exchange.Status{exchange.StatusDamaged}) {
		t.Fatalf("a truncated file: %v", got)
	}
	if _, err := exchange.Receive(ctx, c.v, items[0], exchange.ReceiveOptions{}); !errors.Is(err, exchange.ErrNotReady) {
		t.Fatalf("receiving a damaged file: %v", err)
	}
	if c.v.Index().Len() != 0 {
		t.Fatal("a truncated bundle changed the vault")
	}
	os.Remove(tmp)
	if err := os.WriteFile(dst, data, 0o600); err != nil {
		t.Fatal(err)
	}
	settle(t, dst)
	if got := receiveAll(t, c); got[exchange.StatusReady] != 1 || c.v.Index().Len() != 1 {
		t.Fatalf("the complete file: %v, %d cases", got, c.v.Index().Len())
	}
}

// TestSameBundleTwice: a bundle delivered twice (two names, or the same
// bundle's file again after it was handled) is taken in once.
func TestSameBundleTwice(t *testing.T) {
	a, c := newPeer(t, "A"), newPeer(t, "C")
	befriend(t, a, c)
	addCase(t, a, "Сергей Лебедев")
	src := sendOne(t, a)
	copyFile(t, src, filepath.Join(c.folder.Inbox(), "one", filepath.Base(src)))
	copyFile(t, src, filepath.Join(c.folder.Inbox(), "two", filepath.Base(src)))
	items := scan(t, c)
	if got := statuses(items); !slices.Equal(got, []exchange.Status{exchange.StatusReady, exchange.StatusReady}) {
		t.Fatalf("two copies: %v", got)
	}
	if _, err := exchange.Receive(ctx, c.v, items[0], exchange.ReceiveOptions{}); err != nil {
		t.Fatal(err)
	}
	before := holdings(t, c)
	// The second copy is recognised by its hash.
	items = scan(t, c)
	if got := statuses(items); !slices.Equal(got, []exchange.Status{exchange.StatusHandled, exchange.StatusHandled}) {
		t.Fatalf("after taking in one copy: %v", got)
	}
	if _, err := exchange.Receive(ctx, c.v, items[1], exchange.ReceiveOptions{}); !errors.Is(err, exchange.ErrNotReady) {
		t.Fatalf("receiving a handled file: %v", err)
	}
	// The stale item of the first scan imports nothing either: the
	// bundle was seen (its id), a no-op.
	res, err := bundle.Import(ctx, c.v, items[1].Path, bundle.ImportOptions{})
	if err != nil || !res.NoOp {
		t.Fatalf("importing the same bundle again: %+v, %v", res, err)
	}
	if !maps.Equal(holdings(t, c), before) {
		t.Fatal("the second copy changed the vault")
	}
}

// TestOutOfOrder: a later bundle delivered before an earlier one; the
// earlier one, older, replaces nothing.
func TestOutOfOrder(t *testing.T) {
	a, c := newPeer(t, "A"), newPeer(t, "C")
	befriend(t, a, c)
	id := addCase(t, a, "Сергей Лебедев").ID
	first := sendOne(t, a)
	edit(t, a, id, "second version")
	second := sendOne(t, a)
	copyFile(t, second, filepath.Join(c.folder.Inbox(), "b.kintrace"))
	receiveAll(t, c)
	copyFile(t, first, filepath.Join(c.folder.Inbox(), "c.kintrace"))
	items := scan(t, c)
	if len(items) != 2 || items[1].Status != exchange.StatusReady || items[1].Info.Cases[0].Action != bundle.PlanOlder {
		t.Fatalf("the earlier bundle, late: %v %+v", statuses(items), items[1].Info)
	}
	if _, err := exchange.Receive(ctx, c.v, items[1], exchange.ReceiveOptions{}); err != nil {
		t.Fatal(err)
	}
	got, err := c.v.Get(ctx, id)
	if err != nil || got.Version != 2 || got.Notes != "second version" {
		t.Fatalf("after the older bundle: version %d, %v", got.Version, err)
	}
	// A does not send again what C's receipts acknowledged.
	sync(t, c, a)
	receiveAll(t, a)
	if _, err := exchange.Send(ctx, a.v, a.contact(t, "C"), exchange.SendOptions{Resend: true}); !errors.Is(err, exchange.ErrNothingToSend) {
		t.Fatalf("after receipts: %v", err)
	}
}

// TestNotABundle: a stray file shows as such, cannot be received, and is
// no longer new once dismissed.
func TestNotABundle(t *testing.T) {
	c := newPeer(t, "C")
	p := filepath.Join(c.folder.Inbox(), "notes.txt")
	if err := os.WriteFile(p, []byte("shopping list"), 0o600); err != nil {
		t.Fatal(err)
	}
	settle(t, p)
	items := scan(t, c)
	if got := statuses(items); !slices.Equal(got, []exchange.Status{exchange.StatusNotBundle}) {
		t.Fatalf("a text file: %v", got)
	}
	if _, err := exchange.Receive(ctx, c.v, items[0], exchange.ReceiveOptions{}); !errors.Is(err, exchange.ErrNotReady) {
		t.Fatalf("receiving a text file: %v", err)
	}
	if err := exchange.Dismiss(ctx, c.v, items[0]); err != nil {
		t.Fatal(err)
	}
	if got := scan(t, c); len(got) != 1 || got[0].Status != exchange.StatusHandled || got[0].Outcome != exchange.OutcomeDismissed {
		t.Fatalf("after dismissing: %+v", got)
	}
}

// TestForgedReceipt: a receipt signed by a key that is not a contact
// acknowledges nothing; files addressed to another vault are not listed.
func TestForgedReceipt(t *testing.T) {
	a, c, x := newPeer(t, "A"), newPeer(t, "C"), newPeer(t, "X")
	befriend(t, a, c)
	// X knows A, A does not know X.
	if _, err := x.v.AddContact(ctx, "A", a.key); err != nil {
		t.Fatal(err)
	}
	id := addCase(t, a, "Сергей Лебедев").ID
	sendOne(t, a) // to C, not acknowledged
	// A bundle A exported by hand to X: X's receipt is addressed to A.
	manual := filepath.Join(x.folder.Inbox(), "manual.kintrace")
	if _, err := bundle.Export(ctx, a.v, manual, bundle.ExportOptions{CaseIDs: []string{id}, Recipients: []crypto.PublicKey{x.key}}); err != nil {
		t.Fatal(err)
	}
	settle(t, manual)
	receiveAll(t, x)
	// X's outbox now holds its receipt for A; it reaches A's inbox.
	sync(t, x, a)
	items := scan(t, a)
	if got := statuses(items); !slices.Equal(got, []exchange.Status{exchange.StatusUnknownSender}) {
		t.Fatalf("a stranger's receipt: %v", got)
	}
	if _, err := exchange.Receive(ctx, a.v, items[0], exchange.ReceiveOptions{}); !errors.Is(err, exchange.ErrNotReady) {
		t.Fatalf("receiving a stranger's receipt: %v", err)
	}
	sts, err := exchange.Statuses(ctx, a.v, items)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sts {
		if s.Contact.Name == "C" && (s.UnackedCases != 1 || !s.LastReceipt.IsZero()) {
			t.Fatalf("A's ledger of C after a forged receipt: %+v", s)
		}
	}

	// A file addressed to C only, copied into X's inbox, is left alone
	// silently.
	if _, err := x.v.AddContact(ctx, "C", c.key); err != nil {
		t.Fatal(err)
	}
	forC := filepath.Join(t.TempDir(), "for-c.kintrace")
	if _, err := bundle.Export(ctx, a.v, forC, bundle.ExportOptions{CaseIDs: []string{id}, Recipients: []crypto.PublicKey{c.key}}); err != nil {
		t.Fatal(err)
	}
	copyFile(t, forC, filepath.Join(x.folder.Inbox(), "for-c.kintrace"))
	for _, it := range scan(t, x) {
		if it.Status != exchange.StatusHandled {
			t.Errorf("X lists %s: %s", it.Name, it.Status)
		}
	}
}

// TestDeletionNeedsConfirmation: deletions wait for the user; a case
// changed here since the deleted version is kept, and the sender told so.
func TestDeletionNeedsConfirmation(t *testing.T) {
	a, c := newPeer(t, "A"), newPeer(t, "C")
	befriend(t, a, c)
	keep := addCase(t, a, "Сергей Лебедев").ID
	gone := addCase(t, a, "Иван Петров").ID
	sync(t, a, c) // nothing yet
	sendOne(t, a)
	sync(t, a, c)
	receiveAll(t, c)
	sync(t, c, a)
	receiveAll(t, a)
	edit(t, c, keep, "C works on it")
	for _, id := range []string{keep, gone} {
		if err := a.v.Delete(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	res := send(t, a, "C", exchange.SendOptions{})
	if res.Deletions != 2 || res.Cases != 0 {
		t.Fatalf("deletions sent: %+v", res)
	}
	sync(t, a, c)
	items := scan(t, c)
	if len(items) != 2 || items[1].Status != exchange.StatusDeletions || len(items[1].Message.Deletions) != 2 {
		t.Fatalf("C's inbox: %v", statuses(items))
	}
	if _, err := exchange.Receive(ctx, c.v, items[1], exchange.ReceiveOptions{}); !errors.Is(err, exchange.ErrNeedsConfirmation) {
		t.Fatalf("deletions without confirmation: %v", err)
	}
	if c.v.Index().Len() != 2 {
		t.Fatal("deletions applied without confirmation")
	}
	r, err := exchange.Receive(ctx, c.v, items[1], exchange.ReceiveOptions{ConfirmDeletions: true})
	if err != nil || r.Deleted != 1 || r.Kept != 1 {
		t.Fatalf("confirmed: %+v, %v", r, err)
	}
	if _, err := c.v.Get(ctx, keep); err != nil {
		t.Fatalf("the case changed here was deleted: %v", err)
	}
	sync(t, c, a)
	receiveAll(t, a)
	// A's deletions are acknowledged and not offered again.
	if _, err := exchange.Send(ctx, a.v, a.contact(t, "C"), exchange.SendOptions{Resend: true}); !errors.Is(err, exchange.ErrNothingToSend) {
		t.Fatalf("after the receipt: %v", err)
	}
}
