package vault_test

import (
	"bufio"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"kintrace/cases"
	"kintrace/cases/search"
	"kintrace/cases/vault"
	"kintrace/cases/vault/vaulttest"
)

const (
	format2Passphrase = "amber quarry willow 42 tide"
	migrateChildEnv   = "KINTRACE_MIGRATE_CHILD_VAULT"
)

// TestMigrateFormat2 opens a copy of a vault written in format 2 (before
// requests and follow-ups; testdata/README.md) with today's code: the first
// unlock migrates it to format 3 in one transaction, every case reads as
// before, and a request and a follow-up can be added and read back.
func TestMigrateFormat2(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.kintrace")
	copyFile(t, "testdata/format2.kintrace", path)
	if got := metaFormat(t, path); got != "2" {
		t.Fatalf("fixture format %q", got)
	}
	v, err := vault.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Unlock(ctx, []byte(format2Passphrase), nil); err != nil {
		t.Fatalf("unlock of a format 2 vault: %v", err)
	}
	checkFormat2Contents(t, v)
	if info := v.Info(); info.Cases != 3 {
		t.Errorf("%d cases after the migration", info.Cases)
	}
	list := v.Search(search.Query{Text: "Fixturev"})
	if len(list) != 1 {
		t.Fatalf("search finds %d cases", len(list))
	}
	c, err := v.Get(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	c.Requests = []cases.Request{{AuthorityKind: cases.AuthorityPrisonService, Status: cases.RequestSent, SentOn: "2024-01-10"}}
	c.FollowUps = []cases.FollowUp{{Due: "2024-02-01", Note: "call the sister"}}
	if _, err := v.Update(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	if got := metaFormat(t, path); got != vault.FormatVersion {
		t.Errorf("format after the migration %q, want %q", got, vault.FormatVersion)
	}
	v = vaulttestOpen(t, path, format2Passphrase)
	checkFormat2Contents(t, v)
	o, _ := v.Index().Get(c.ID)
	if len(o.Requests) != 1 || len(o.FollowUps) != 1 || o.FollowUps[0].Note != "call the sister" {
		t.Errorf("overview after reopening: %+v %+v", o.Requests, o.FollowUps)
	}
	if o.OverdueRequests(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)) != 1 {
		t.Error("the request is not overdue in March")
	}
}

func vaulttestOpen(t *testing.T, path, pass string) *vault.Vault {
	t.Helper()
	v, err := vault.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	if err := v.Unlock(ctx, []byte(pass), nil); err != nil {
		t.Fatal(err)
	}
	return v
}

func metaFormat(t *testing.T, path string) (format string) {
	t.Helper()
	vaulttest.Raw(t, path, func(db *sql.DB) {
		if err := db.QueryRow(`SELECT value FROM meta WHERE key = 'format'`).Scan(&format); err != nil {
			t.Fatal(err)
		}
	})
	return format
}

// checkFormat2Contents checks what the fixture holds (testdata/README.md).
func checkFormat2Contents(t *testing.T, v *vault.Vault) {
	t.Helper()
	if v.Owner() != "Fixture Owner" {
		t.Errorf("owner %q", v.Owner())
	}
	for _, name := range []string{"Radomir Fixturev", "Yevdokia Samplerova", "Teodor Oldformatov"} {
		hits := v.Search(search.Query{Text: name})
		if len(hits) != 1 {
			t.Fatalf("%s: %d hits", name, len(hits))
		}
		c, err := v.Get(ctx, hits[0].ID)
		if err != nil || c.Person.Name != name || c.AssignedTo != "Marina" || len(c.Events) != 1 {
			t.Fatalf("%s: %+v, %v", name, c, err)
		}
		if name != "Radomir Fixturev" {
			continue
		}
		if c.Version < 2 || c.Notes != "format two note" {
			t.Errorf("case 1: version %d, notes %q", c.Version, c.Notes)
		}
		atts, err := v.Attachments(ctx, c.ID)
		if err != nil || len(atts) != 1 || atts[0].Name != "reply-fixture.txt" {
			t.Fatalf("attachments: %+v, %v", atts, err)
		}
		data, _, err := vaulttest.ReadAttachment(t, v, atts[0].ID)
		if err != nil || string(data) != "fixture reply text" {
			t.Errorf("attachment: %q, %v", data, err)
		}
	}
}

// migrateChild runs in a child process: it unlocks the format 2 vault of
// migrateChildEnv and, inside the migration's transaction, after every row
// is rewritten, says so and waits to be killed.
func migrateChild() {
	vault.SetMigrateHook(func() {
		fmt.Println("MIGRATING")
		select {} // the parent kills the process here
	})
	v, err := vault.Open(os.Getenv(migrateChildEnv))
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(3)
	}
	err = v.Unlock(ctx, []byte(format2Passphrase), nil)
	fmt.Println("ERR unlock returned", err)
	os.Exit(4)
}

// TestMigrateFormat2Killed kills (SIGKILL) a process in the middle of the
// migration to format 3, once it has rewritten every overview and the
// format but before its commit: the file is still the format 2 vault, row
// for row, and the next unlock migrates it.
func TestMigrateFormat2Killed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.kintrace")
	copyFile(t, "testdata/format2.kintrace", path)
	before := recordsDigest(t, path)

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), migrateChildEnv+"="+path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	if !sc.Scan() || sc.Text() != "MIGRATING" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("child said %q, want MIGRATING", sc.Text())
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	var check string
	vaulttest.Raw(t, path, func(db *sql.DB) {
		if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil {
			t.Fatal(err)
		}
	})
	if check != "ok" {
		t.Fatalf("integrity check after the kill: %s", check)
	}
	if got := metaFormat(t, path); got != "2" {
		t.Errorf("format after a killed migration %q, want 2", got)
	}
	if after := recordsDigest(t, path); after != before {
		t.Error("the records changed although the migration never committed")
	}
	v := vaulttestOpen(t, path, format2Passphrase)
	checkFormat2Contents(t, v)
	v.Close()
	if got := metaFormat(t, path); got != vault.FormatVersion {
		t.Errorf("format after the next unlock %q", got)
	}
}

// recordsDigest hashes every row of records, meta and head, in row order.
func recordsDigest(t *testing.T, path string) string {
	t.Helper()
	h := sha256.New()
	vaulttest.Raw(t, path, func(db *sql.DB) {
		for _, q := range []string{`SELECT id, overview || details FROM records ORDER BY id`,
			`SELECT key, value FROM meta ORDER BY key`, `SELECT id, acc || state || mac FROM head`} {
			rows, err := db.Query(q)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var k string
				var b []byte
				if err := rows.Scan(&k, &b); err != nil {
					t.Fatal(err)
				}
				fmt.Fprintf(h, "%s=%x;", k, b)
			}
			rows.Close()
		}
	})
	return strings.ToLower(fmt.Sprintf("%x", h.Sum(nil)))
}

// TestMergeUnitesCasework: merging two cases unites their requests and
// follow-ups; an id the kept case already uses is given anew, and the
// merged case's overview lists every open one.
func TestMergeUnitesCasework(t *testing.T) {
	v, _, _ := vaulttest.New(t)
	a := vaulttest.SampleCase("Сергей Лебедев")
	a.Requests = []cases.Request{{ID: "R1", AuthorityKind: cases.AuthorityCourt, Status: cases.RequestSent, SentOn: "2024-01-10"}}
	a.FollowUps = []cases.FollowUp{{ID: "F1", Due: "2024-02-01", Note: "call the sister"}}
	b := vaulttest.SampleCase("Sergei Lebedev")
	b.Requests = []cases.Request{{ID: "R1", AuthorityKind: cases.AuthorityICRC, Status: cases.RequestSent, SentOn: "2024-01-12", Deadline: "2024-03-01"}}
	b.FollowUps = []cases.FollowUp{{ID: "F2", Due: "2024-02-03", Note: "check the list"}}
	a, err := v.Add(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if b, err = v.Add(ctx, b); err != nil {
		t.Fatal(err)
	}
	_, into, err := v.Merge(ctx, a.ID, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(into.Requests) != 2 || len(into.FollowUps) != 2 || into.Requests[0].ID == into.Requests[1].ID {
		t.Fatalf("merged casework: %+v %+v", into.Requests, into.FollowUps)
	}
	if err := into.Validate(); err != nil {
		t.Fatal(err)
	}
	o, _ := v.Index().Get(into.ID)
	if len(o.Requests) != 2 || len(o.FollowUps) != 2 {
		t.Errorf("overview of the merged case: %+v %+v", o.Requests, o.FollowUps)
	}
}
