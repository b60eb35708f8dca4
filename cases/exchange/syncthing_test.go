package exchange_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kintrace/cases/exchange"
	"kintrace/internal/syncthingtest"
)

// TestSyncthing: two vaults whose exchange folders two real Syncthing
// instances (Debian's syncthing, on loopback only) keep in step, wired as
// docs/EXCHANGE.md tells a team: A's outbox, Send Only, is B's
// inbox/from-A, Receive Only (a coordinator's subfolder per worker), and
// B's outbox is A's inbox (a worker's). A case A adds and sends arrives in
// B's inbox byte for byte, imports, and B's receipt comes back and tells A
// that B has everything. Skipped without syncthing, failed without it on
// CI (syncthingtest.Require).
func TestSyncthing(t *testing.T) {
	st := syncthingtest.Start(t, 2)
	nodeA, nodeB := st.Nodes[0], st.Nodes[1]
	a, b := newPeer(t, "A"), newPeer(t, "B")
	befriend(t, a, b)
	st.Share("a-to-b",
		syncthingtest.End{Node: nodeA, Dir: a.folder.Outbox(), Type: syncthingtest.SendOnly},
		syncthingtest.End{Node: nodeB, Dir: filepath.Join(b.folder.Inbox(), "from-A"), Type: syncthingtest.ReceiveOnly})
	st.Share("b-to-a",
		syncthingtest.End{Node: nodeB, Dir: b.folder.Outbox(), Type: syncthingtest.SendOnly},
		syncthingtest.End{Node: nodeA, Dir: a.folder.Inbox(), Type: syncthingtest.ReceiveOnly})

	sent := addCase(t, a, "Сергей Лебедев")
	res := send(t, a, "B", exchange.SendOptions{})
	if res.Cases != 1 || len(res.Paths) != 1 {
		t.Fatalf("A's send: %+v", res)
	}
	bundleData, err := os.ReadFile(res.Paths[0])
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	arrived := filepath.Join(b.folder.Inbox(), "from-A", filepath.Base(res.Paths[0]))
	st.WaitFor("A's bundle in B's inbox", sameFile(arrived, bundleData))
	t.Logf("the bundle (%d bytes) took %v from A's outbox to B's inbox", len(bundleData), time.Since(start).Round(time.Millisecond))

	// Syncthing keeps the sender's modification time, so the file settles
	// (exchange.DefaultSettle) a little after it arrived; until then, and
	// while it still had a temporary name, Scan shows it arriving or not
	// at all, and nothing else (Syncthing's .stfolder markers are not
	// listed).
	item := waitForItem(t, st, b, exchange.StatusReady)
	if item.Name != "from-A/"+filepath.Base(res.Paths[0]) || item.SenderName != "A" || !item.Verified {
		t.Fatalf("B's inbox item: %s from %q (verified %v)", item.Name, item.SenderName, item.Verified)
	}
	got, err := exchange.Receive(ctx, b.v, item, exchange.ReceiveOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Outcome != exchange.OutcomeImported || got.Receipt == "" {
		t.Fatalf("B receives: %+v", got)
	}
	if want, have := holdings(t, a)[sent.ID], holdings(t, b)[sent.ID]; have == "" || have != want {
		t.Fatalf("B holds the case as %q, A as %q", have, want)
	}

	// B's receipt travels back through the other Syncthing folder.
	receipt := waitForItem(t, st, a, exchange.StatusReceipt)
	ack, err := exchange.Receive(ctx, a.v, receipt, exchange.ReceiveOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ack.Outcome != exchange.OutcomeReceipt || ack.Acknowledged != 1 {
		t.Fatalf("A takes in B's receipt: %+v", ack)
	}
	status, err := exchange.Statuses(ctx, a.v, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(status) != 1 || !status[0].UpToDate() {
		t.Fatalf("A's status of B: %+v", status)
	}
	if _, err := exchange.Send(ctx, a.v, a.contact(t, "B"), exchange.SendOptions{}); !errors.Is(err, exchange.ErrNothingToSend) {
		t.Fatalf("A sends again after B's receipt: %v", err)
	}
}

// waitForItem scans p's inbox until it lists one item, of status want;
// an item still arriving is waited for, any other status fails the test.
func waitForItem(t *testing.T, st *syncthingtest.Cluster, p *peer, want exchange.Status) exchange.InboxItem {
	t.Helper()
	var found exchange.InboxItem
	st.WaitFor(fmt.Sprintf("an item %s in %s's inbox", want, p.name), func() (bool, error) {
		items := scan(t, p)
		if len(items) == 0 {
			return false, errors.New("the inbox lists nothing")
		}
		if len(items) > 1 {
			t.Fatalf("%s's inbox lists %d items: %v", p.name, len(items), statuses(items))
		}
		switch items[0].Status {
		case want:
			found = items[0]
			return true, nil
		case exchange.StatusArriving:
			return false, errors.New("the item is still arriving")
		}
		t.Fatalf("%s's inbox item %s: %s (%v)", p.name, items[0].Name, items[0].Status, items[0].Err)
		return false, nil
	})
	return found
}

// sameFile tells whether path holds exactly data.
func sameFile(path string, data []byte) func() (bool, error) {
	return func() (bool, error) {
		got, err := os.ReadFile(path)
		if err != nil {
			return false, err
		}
		if !bytes.Equal(got, data) {
			return false, fmt.Errorf("%s has %d bytes, not the %d sent", path, len(got), len(data))
		}
		return true, nil
	}
}
