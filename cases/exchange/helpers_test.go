package exchange_test

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kintrace/cases"
	"kintrace/cases/bundle"
	"kintrace/cases/exchange"
	"kintrace/cases/search"
	"kintrace/cases/vault"
	"kintrace/cases/vault/vaulttest"
	"kintrace/crypto"
)

var ctx = context.Background()

var searchAll = search.Query{}

func TestMain(m *testing.M) {
	restore := crypto.UseInsecureKDFForTests()
	code := m.Run()
	restore()
	os.Exit(code)
}

// peer is one vault of the team with its exchange folder.
type peer struct {
	name   string
	v      *vault.Vault
	path   string
	key    crypto.PublicKey
	folder exchange.Folder
	// delivered remembers which outbox files a "sync" already copied, by
	// destination.
	delivered map[string]bool
}

func newPeer(t testing.TB, name string) *peer {
	t.Helper()
	v, path, _ := vaulttest.New(t)
	key, err := v.PublicKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f, err := exchange.SetFolder(ctx, v, filepath.Join(t.TempDir(), "exchange-"+name))
	if err != nil {
		t.Fatal(err)
	}
	return &peer{name: name, v: v, path: path, key: key, folder: f, delivered: map[string]bool{}}
}

// befriend makes each peer a verified contact of the other, named after it.
func befriend(t testing.TB, ps ...*peer) {
	t.Helper()
	for _, a := range ps {
		for _, b := range ps {
			if a == b {
				continue
			}
			if _, err := a.v.AddContact(ctx, b.name, b.key); err != nil {
				t.Fatal(err)
			}
			if _, err := a.v.SetContactVerified(ctx, b.name, true); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func (p *peer) contact(t testing.TB, name string) vault.Contact {
	t.Helper()
	c, err := p.v.FindContact(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// sync copies every outbox file of from not copied before into to's inbox
// (under a subfolder named after from, as one Syncthing folder per sender
// would), with a modification time in the past, as a finished sync leaves
// it. It returns the number of files copied.
func sync(t testing.TB, from, to *peer) int {
	t.Helper()
	ents, err := os.ReadDir(from.folder.Outbox())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range ents {
		key := to.name + "/" + e.Name()
		if from.delivered[key] {
			continue
		}
		from.delivered[key] = true
		dst := filepath.Join(to.folder.Inbox(), "from-"+from.name, e.Name())
		copyFile(t, filepath.Join(from.folder.Outbox(), e.Name()), dst)
		n++
	}
	return n
}

func copyFile(t testing.TB, src, dst string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		t.Fatal(err)
	}
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	settle(t, dst)
}

// settle dates a file a minute back: a sync that finished.
func settle(t testing.TB, path string) {
	t.Helper()
	old := time.Now().Add(-time.Minute)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
}

func scan(t testing.TB, p *peer) []exchange.InboxItem {
	t.Helper()
	items, err := exchange.Scan(ctx, p.v, exchange.ScanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return items
}

// receiveAll takes in every new item of p's inbox, confirming deletions,
// and returns the counts per status taken in.
func receiveAll(t testing.TB, p *peer) map[exchange.Status]int {
	t.Helper()
	got := map[exchange.Status]int{}
	for _, it := range scan(t, p) {
		switch it.Status {
		case exchange.StatusHandled:
			continue
		case exchange.StatusReady, exchange.StatusReceipt, exchange.StatusDeletions:
		default:
			t.Fatalf("%s: inbox item %s: %s (%v)", p.name, it.Name, it.Status, it.Err)
		}
		if _, err := exchange.Receive(ctx, p.v, it, exchange.ReceiveOptions{ConfirmDeletions: true}); err != nil {
			t.Fatalf("%s: receive %s: %v", p.name, it.Status, err)
		}
		got[it.Status]++
	}
	return got
}

// send sends p's changes to the contact named to; a send with nothing to
// send gives a zero result.
func send(t testing.TB, p *peer, to string, opt exchange.SendOptions) exchange.SendResult {
	t.Helper()
	res, err := exchange.Send(ctx, p.v, p.contact(t, to), opt)
	if err != nil && !errors.Is(err, exchange.ErrNothingToSend) {
		t.Fatalf("%s sends to %s: %v", p.name, to, err)
	}
	return res
}

func addCase(t testing.TB, p *peer, name string) cases.Case {
	t.Helper()
	c, err := p.v.Add(ctx, vaulttest.SampleCase(name))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func edit(t testing.TB, p *peer, id, notes string) cases.Case {
	t.Helper()
	c, err := p.v.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	c.Notes = notes
	c, err = p.v.Update(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// holdings maps each case of p to its version and hash.
func holdings(t testing.TB, p *peer) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, o := range p.v.Search(searchAll) {
		c, err := p.v.Get(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		out[c.ID] = bundle.CaseHash(c)
	}
	return out
}
