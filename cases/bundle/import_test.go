package bundle_test

import (
	"bufio"
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kintrace/cases"
	"kintrace/cases/bundle"
	"kintrace/cases/vault"
	"kintrace/cases/vault/vaulttest"
	"kintrace/crypto"
)

// largeBundle exports one case of from with an attachment of size bytes to
// the peer to, and returns the file and the case.
func largeBundle(t *testing.T, from, to *peer, size int64) (string, cases.Case) {
	t.Helper()
	c, err := from.v.Add(ctx, fullCase("Сергей Лебедев"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := from.v.AddAttachment(ctx, c.ID, nil, "scan.pdf", vaulttest.NewPattern(size, 7), nil); err != nil {
		t.Fatal(err)
	}
	return export(t, from, bundle.ExportOptions{CaseIDs: []string{c.ID}, Recipients: []crypto.PublicKey{to.key}, Attachments: true}), c
}

// TestImportAfterInspectChecksBytes: importing a bundle just inspected
// reuses the inspection's decoding of its JSON, but still checks every
// entry's bytes against the signed manifest. A copy whose cases.json
// differs only in white space (same manifest, same signature, re-encrypted
// to the receiver, so it still decodes to the same cases) is refused after
// the good bundle was inspected, and nothing is written.
func TestImportAfterInspectChecksBytes(t *testing.T) {
	a, b := newPeer(t), newPeer(t)
	befriend(t, a, b)
	good, c := largeBundle(t, a, b, 2<<20)
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	bid, _ := b.v.Identity(ctx)
	plain := ageDecrypt(t, data, bid.AgeIdentity())
	entry := containerEntries(t, plain)["cases.json"] // a view into plain
	i := bytes.Index(entry, []byte("\n  "))
	if i < 0 {
		t.Fatal("cases.json is not indented")
	}
	entry[i+1] = '\t'
	if _, err := cases.DecodeCases(entry); err != nil {
		t.Fatalf("the changed cases.json must still decode: %v", err)
	}
	changed := filepath.Join(t.TempDir(), "changed.ktb")
	if err := os.WriteFile(changed, ageEncrypt(t, plain, b.key.Age), 0o600); err != nil {
		t.Fatal(err)
	}

	if _, err := bundle.Inspect(ctx, b.v, good, bundle.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if res, err := bundle.Import(ctx, b.v, changed, bundle.ImportOptions{}); !errors.Is(err, crypto.ErrCorrupt) {
		t.Fatalf("changed cases.json after inspecting the good bundle: %+v, %v; want ErrCorrupt", res, err)
	}
	// (The file's bytes are not compared: a bundle this large is imported
	// with the journal switched, which rewrites the file's header.)
	if _, err := b.v.Get(ctx, c.ID); !errors.Is(err, vault.ErrNotFound) || b.v.Index().Len() != 0 {
		t.Fatalf("a refused import stored the case: %v", err)
	}
	for _, kind := range []string{"attachment", "bundle-seen", "bundle-sender"} {
		if recs, err := b.v.ListRecords(ctx, kind); err != nil || len(recs) != 0 {
			t.Fatalf("%d %s records after a refused import, %v", len(recs), kind, err)
		}
	}
	// Inspected again, then locked and unlocked: the import decodes anew.
	for _, relock := range []bool{false, true} {
		if _, err := bundle.Inspect(ctx, b.v, good, bundle.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		if relock {
			b.v.Lock()
			if err := b.v.Unlock(ctx, []byte(vaulttest.Passphrase), nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	res, err := bundle.Import(ctx, b.v, good, bundle.ImportOptions{})
	if err != nil || res.New != 1 || res.Attachments != 1 {
		t.Fatalf("good bundle: %+v, %v", res, err)
	}
	got, err := b.v.Get(ctx, c.ID)
	if err != nil || bundle.CaseHash(got) != bundle.CaseHash(c) {
		t.Fatalf("imported case differs: %v", err)
	}
	list, _ := b.v.Attachments(ctx, c.ID)
	if len(list) != 1 {
		t.Fatalf("%d attachments imported", len(list))
	}
	if _, _, err := vaulttest.ReadAttachment(t, b.v, list[0].ID); err != nil {
		t.Fatalf("imported attachment: %v", err)
	}
}

// TestImportLargeBundleJournal: a bundle with large attachments is imported
// with a rollback journal and, when another connection holds the vault open
// so that the journal cannot be switched, in WAL mode; both imports are
// whole, and neither leaves a journal or a WAL with data behind. Importing
// it again, and importing it from a sender not trusted, leave the file
// byte for byte as it was (they are refused before the journal switch).
func TestImportLargeBundleJournal(t *testing.T) {
	a := newPeer(t)
	for _, other := range []bool{false, true} {
		b := newPeer(t)
		befriend(t, a, b)
		file, c := largeBundle(t, a, b, 3<<20)
		if other {
			db, err := sql.Open("sqlite3", "file:"+b.path)
			if err != nil {
				t.Fatal(err)
			}
			var n int
			if err := db.QueryRow(`SELECT count(*) FROM records`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			defer db.Close()
		}
		stranger := newPeer(t)
		fromStranger, _ := largeBundle(t, stranger, b, 2<<20)
		before := fileState(t, b.path)
		if _, err := bundle.Import(ctx, b.v, fromStranger, bundle.ImportOptions{}); !errors.Is(err, bundle.ErrUntrustedSender) {
			t.Fatalf("other connection %v: untrusted sender: %v", other, err)
		}
		if fileState(t, b.path) != before {
			t.Errorf("other connection %v: an untrusted large bundle changed the file", other)
		}
		journal := false
		res, err := bundle.Import(ctx, b.v, file, bundle.ImportOptions{Progress: func(done, total int64) {
			if done >= total/2 && !journal {
				_, err := os.Stat(b.path + "-journal")
				journal = err == nil
			}
		}})
		if err != nil || res.New != 1 || res.Attachments != 1 {
			t.Fatalf("other connection %v: %+v, %v", other, res, err)
		}
		if journal == other {
			t.Errorf("other connection %v: rollback journal used: %v", other, journal)
		}
		before = fileState(t, b.path)
		if res, err := bundle.Import(ctx, b.v, file, bundle.ImportOptions{}); err != nil || !res.NoOp {
			t.Fatalf("other connection %v: imported again: %+v, %v", other, res, err)
		}
		if fileState(t, b.path) != before {
			t.Errorf("other connection %v: importing a large bundle again changed the file", other)
		}
		list, _ := b.v.Attachments(ctx, c.ID)
		if len(list) != 1 {
			t.Fatalf("other connection %v: %d attachments", other, len(list))
		}
		if _, _, err := vaulttest.ReadAttachment(t, b.v, list[0].ID); err != nil {
			t.Fatalf("other connection %v: %v", other, err)
		}
		if st, err := os.Stat(b.path + "-wal"); err == nil && st.Size() > 0 {
			t.Errorf("other connection %v: WAL of %d bytes left after the import", other, st.Size())
		}
		if _, err := os.Stat(b.path + "-journal"); !os.IsNotExist(err) {
			t.Errorf("other connection %v: journal left after the import: %v", other, err)
		}
	}
}

const bundleCrashEnv = "KINTRACE_BUNDLE_CRASH"

// TestBundleImportCrashChild is the child process of
// TestBundleKilledMidImport: it imports a bundle with a large attachment and
// prints "halfway" once half of it has been read.
func TestBundleImportCrashChild(t *testing.T) {
	env := os.Getenv(bundleCrashEnv)
	if env == "" {
		t.Skip("run by TestBundleKilledMidImport")
	}
	vaultPath, file, _ := strings.Cut(env, "\n")
	v := vaulttest.OpenUnlocked(t, vaultPath)
	printed := false
	bundle.Import(ctx, v, file, bundle.ImportOptions{Progress: func(done, total int64) {
		if done >= total/2 && !printed {
			printed = true
			fmt.Println("halfway")
			time.Sleep(time.Minute) // killed here
		}
	}})
	t.Fatal("the child was not killed")
}

// TestBundleKilledMidImport kills a process half way through importing a
// bundle with a 100 MB attachment (written with a rollback journal) and
// checks that the vault reopens with its integrity head intact and nothing
// of the bundle in it: no case, no attachment, no chunk row, not marked as
// seen.
func TestBundleKilledMidImport(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 100 MB")
	}
	a, b := newPeer(t), newPeer(t)
	befriend(t, a, b)
	kept, err := b.v.Add(ctx, vaulttest.SampleCase("Иван Петров"))
	if err != nil {
		t.Fatal(err)
	}
	file, c := largeBundle(t, a, b, 100_000_000)
	b.v.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestBundleImportCrashChild$", "-test.v")
	cmd.Env = append(os.Environ(), bundleCrashEnv+"="+b.path+"\n"+file)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	for sc.Scan() && sc.Text() != "halfway" {
	}
	if _, err := os.Stat(b.path + "-journal"); err != nil {
		t.Errorf("no rollback journal while a large bundle is imported: %v", err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	v := vaulttest.OpenUnlocked(t, b.path) // unlock checks the integrity head
	if _, err := v.Get(ctx, c.ID); !errors.Is(err, vault.ErrNotFound) {
		t.Errorf("the bundle's case after a crash mid-import: %v", err)
	}
	if got, err := v.Get(ctx, kept.ID); err != nil || got.Version != kept.Version {
		t.Errorf("the vault's own case after a crash: %v", err)
	}
	for _, kind := range []string{"attachment", "bundle-seen", "bundle-sender"} {
		if recs, err := v.ListRecords(ctx, kind); err != nil || len(recs) != 0 {
			t.Errorf("%d %s records after a crash mid-import, %v", len(recs), kind, err)
		}
	}
	if _, err := os.Stat(b.path + "-journal"); !os.IsNotExist(err) {
		t.Errorf("the hot journal is still there after reopening: %v", err)
	}
	// The bundle imports whole afterwards.
	res, err := bundle.Import(ctx, v, file, bundle.ImportOptions{})
	if err != nil || res.New != 1 || res.Attachments != 1 {
		t.Fatalf("import after the crash: %+v, %v", res, err)
	}
	v.Close()
	if n := vaulttest.ChunkRows(t, b.path); n != 1526 {
		t.Errorf("%d chunk rows after importing 100 MB, want 1526", n)
	}
}

// TestImportConflictAttachmentOnMissingEvent: an incoming attachment tied
// to an event that only the incoming (conflicting) version has is stored,
// attached to the local case as a whole; one tied to an event both have
// keeps its event.
func TestImportConflictAttachmentOnMissingEvent(t *testing.T) {
	a, b := newPeer(t), newPeer(t)
	befriend(t, a, b)
	c, err := a.v.Add(ctx, vaulttest.SampleCase("Олег Морозов"))
	if err != nil {
		t.Fatal(err)
	}
	opt := bundle.ExportOptions{CaseIDs: []string{c.ID}, Recipients: []crypto.PublicKey{b.key}, Attachments: true}
	if _, err := bundle.Import(ctx, b.v, export(t, a, opt), bundle.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	// Both change the case: a adds an event and files for events 0 and 1.
	c.Events = append(c.Events, cases.Event{Date: "2022-08", Type: "contact_lost", Verification: "unverified"})
	if c, err = a.v.Update(ctx, c); err != nil {
		t.Fatal(err)
	}
	zero, one := 0, 1
	onZero, err := a.v.AddAttachment(ctx, c.ID, &zero, "first.png", vaulttest.NewPattern(2<<20, 4), nil)
	if err != nil {
		t.Fatal(err)
	}
	onOne, err := a.v.AddAttachment(ctx, c.ID, &one, "second.png", vaulttest.NewPattern(1000, 5), nil)
	if err != nil {
		t.Fatal(err)
	}
	local, err := b.v.Get(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	local.Notes = "edited here"
	if _, err := b.v.Update(ctx, local); err != nil {
		t.Fatal(err)
	}
	res, err := bundle.Import(ctx, b.v, export(t, a, opt), bundle.ImportOptions{})
	if err != nil || res.Conflicts != 1 || res.Attachments != 2 {
		t.Fatalf("import: %+v, %v", res, err)
	}
	list, err := b.v.Attachments(ctx, c.ID)
	if err != nil || len(list) != 2 {
		t.Fatalf("attachments: %+v, %v", list, err)
	}
	for _, att := range list {
		switch att.ID {
		case onZero.ID:
			if att.Event == nil || *att.Event != 0 {
				t.Errorf("attachment on event 0 lost its event: %v", att.Event)
			}
		case onOne.ID:
			if att.Event != nil {
				t.Errorf("attachment on an event the local case lacks kept event %d", *att.Event)
			}
		}
		if _, _, err := vaulttest.ReadAttachment(t, b.v, att.ID); err != nil {
			t.Errorf("%s: %v", att.Name, err)
		}
	}
}
