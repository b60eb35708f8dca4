package bundle_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"filippo.io/age"

	"kintrace/cases"
	"kintrace/cases/bundle"
	"kintrace/cases/vault"
	"kintrace/cases/vault/vaulttest"
	"kintrace/crypto"
)

// peer is a vault with its path, for bundle tests between vaults.
type peer struct {
	v    *vault.Vault
	path string
	key  crypto.PublicKey
}

func newPeer(t testing.TB) *peer {
	t.Helper()
	v, path, _ := vaulttest.New(t)
	key, err := v.PublicKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return &peer{v: v, path: path, key: key}
}

// befriend makes each peer a verified contact of the other.
func befriend(t testing.TB, a, b *peer) {
	t.Helper()
	for _, p := range [][2]*peer{{a, b}, {b, a}} {
		if _, err := p[0].v.AddContact(ctx, "peer "+p[1].key.Fingerprint()[:4], p[1].key); err != nil {
			t.Fatal(err)
		}
	}
}

// fileState is the bytes of the vault file and its WAL.
func fileState(t testing.TB, path string) [2][32]byte {
	t.Helper()
	var out [2][32]byte
	for i, p := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		out[i] = sha256.Sum256(b)
	}
	return out
}

func fullCase(name string) cases.Case {
	c := vaulttest.SampleCase(name)
	lat, lon, amount, honoured := 47.2, 39.7, 200000.0, false
	c.AssignedTo = "Marina"
	c.Person.Pseudonym = true
	c.Person.BirthDate = "1987"
	c.Person.Sex = "male"
	c.Person.Handles = []cases.Handle{{Channel: "telegram", Value: "@sergei"}}
	c.Person.RecruitedOn = "2022-07"
	c.Person.RecruitedBy = "private military company"
	c.Person.Features = "tattoo of an anchor on the left forearm"
	c.Person.Region = "Republic of Mordovia"
	c.Person.Unit = "unit 12345"
	c.Tags = append(c.Tags, "new-number")
	c.Events[0].Place = "Rostov Oblast"
	c.Reporters = []cases.Reporter{
		{Name: "Оксана", Pseudonym: true, Relation: "half-sister", Contact: "Signal only", Safety: "do not phone", Consent: "internal", Language: "ru"},
		{Name: "Ирина", Relation: "mother", Contact: "+7 900 111-22-33", Consent: "public", Language: "ru"},
	}
	c.Events = append(c.Events, cases.Event{Date: "2022-07", Approx: true, Type: "contact_lost", Verification: "corroborated"})
	c.Places = []cases.Place{{Date: "2022-07-10", Name: "training ground", Kind: "training_ground", Region: "Rostov Oblast", Lat: &lat, Lon: &lon, Source: "message of 2022-07-10", Confidence: "probable"}}
	c.Promises = []cases.Promise{{What: "monthly pay", Amount: &amount, Currency: "RUB", By: "recruiters", Honoured: &honoured},
		{What: "pardon after six months", By: "recruiters"}}
	c.Notes = "Mother was keen at first."
	return c
}

// seed adds three cases to p: one edited twice, one with attachments.
func seed(t testing.TB, p *peer) []cases.Case {
	t.Helper()
	a, err := p.v.Add(ctx, fullCase("Сергей Лебедев"))
	if err != nil {
		t.Fatal(err)
	}
	for _, note := range []string{"second", "third"} {
		a.Notes = note
		if a, err = p.v.Update(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	b, err := p.v.Add(ctx, vaulttest.SampleCase("Олег Морозов"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := p.v.Add(ctx, vaulttest.SampleCase("Иван Петров"))
	if err != nil {
		t.Fatal(err)
	}
	ev := 0
	if _, err := p.v.AddAttachment(ctx, b.ID, &ev, "chat.png", vaulttest.NewPattern(300_000, 1), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.v.AddAttachment(ctx, b.ID, nil, "voice.ogg", vaulttest.NewPattern(1000, 2), nil); err != nil {
		t.Fatal(err)
	}
	return []cases.Case{a, b, c}
}

func caseIDs(cs []cases.Case) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

func export(t testing.TB, from *peer, opt bundle.ExportOptions) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "out.ktb")
	if _, err := bundle.Export(ctx, from.v, path, opt); err != nil {
		t.Fatalf("export: %v", err)
	}
	return path
}

func TestBundleRoundTrip(t *testing.T) {
	a, b := newPeer(t), newPeer(t)
	befriend(t, a, b)
	sent := seed(t, a)
	file := export(t, a, bundle.ExportOptions{CaseIDs: caseIDs(sent), Recipients: []crypto.PublicKey{b.key}, Attachments: true})
	if st, err := os.Stat(file); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("bundle file mode: %v %v", st, err)
	}

	info, err := bundle.Inspect(ctx, b.v, file, bundle.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if info.SenderStatus != bundle.SenderContact || info.Count(bundle.PlanNew) != 3 ||
		info.Attachments != 2 || len(info.Recipients) != 2 || info.Fingerprint != a.key.Fingerprint() {
		t.Fatalf("inspect: %+v", info)
	}
	res, err := bundle.Import(ctx, b.v, file, bundle.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.New != 3 || res.Attachments != 2 || res.NoOp {
		t.Fatalf("import: %+v", res)
	}
	for _, c := range sent {
		got, err := b.v.Get(ctx, c.Number)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, c) {
			t.Errorf("case %s arrived as\n%+v\nwant\n%+v", c.Number, got, c)
		}
		wantH, _ := a.v.History(ctx, c.ID)
		gotH, err := b.v.History(ctx, c.ID)
		if err != nil || !reflect.DeepEqual(gotH, wantH) {
			t.Errorf("history of %s: got %+v, want %+v (%v)", c.Number, gotH, wantH, err)
		}
		for _, h := range wantH {
			want, _ := a.v.Revision(ctx, c.ID, h.Version)
			got, err := b.v.Revision(ctx, c.ID, h.Version)
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("version %d of %s differs (%v)", h.Version, c.Number, err)
			}
		}
		wantA, _ := a.v.Attachments(ctx, c.ID)
		gotA, err := b.v.Attachments(ctx, c.ID)
		if err != nil || !reflect.DeepEqual(gotA, wantA) {
			t.Errorf("attachments of %s: got %+v, want %+v (%v)", c.Number, gotA, wantA, err)
		}
		for _, att := range wantA {
			want, _, _ := vaulttest.ReadAttachment(t, a.v, att.ID)
			got, _, err := vaulttest.ReadAttachment(t, b.v, att.ID)
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("attachment %s differs (%v)", att.Name, err)
			}
		}
	}
	for _, c := range sent {
		if o, ok := b.v.Index().Get(c.ID); !ok || o.Version != c.Version {
			t.Errorf("case %s is not in the index at its version", c.Number)
		}
	}

	// The same bundle again changes nothing, not a byte of the file.
	before := fileState(t, b.path)
	res, err = bundle.Import(ctx, b.v, file, bundle.ImportOptions{})
	if err != nil || !res.NoOp {
		t.Fatalf("second import: %+v, %v", res, err)
	}
	if fileState(t, b.path) != before {
		t.Error("the second import changed the vault file")
	}
	info, err = bundle.Inspect(ctx, b.v, file, bundle.ImportOptions{})
	if err != nil || !info.AlreadyImported || info.Count(bundle.PlanSame) != 3 {
		t.Errorf("inspect after import: %+v, %v", info, err)
	}

	// After a reopen everything is still there and the integrity head holds.
	b.v = vaulttest.Reopen(t, b.v, b.path)
	if _, err := b.v.Get(ctx, sent[0].Number); err != nil {
		t.Fatal(err)
	}
}

func TestBundleMerge(t *testing.T) {
	a, b := newPeer(t), newPeer(t)
	befriend(t, a, b)
	sent := seed(t, a)
	to := bundle.ExportOptions{CaseIDs: caseIDs(sent), Recipients: []crypto.PublicKey{b.key}}
	if _, err := bundle.Import(ctx, b.v, export(t, a, to), bundle.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	first := export(t, a, to) // a later bundle with the same versions

	// a edits case 0 and 1; b edits case 0 (conflict) and case 2 (b is ahead).
	x, y, z := sent[0], sent[1], sent[2]
	x.Status, y.Notes = "located", "a's note"
	if _, err := a.v.Update(ctx, x); err != nil {
		t.Fatal(err)
	}
	if _, err := a.v.Update(ctx, y); err != nil {
		t.Fatal(err)
	}
	bx, _ := b.v.Get(ctx, x.ID)
	bx.Priority = "urgent"
	bx, err := b.v.Update(ctx, bx)
	if err != nil {
		t.Fatal(err)
	}
	bz, _ := b.v.Get(ctx, z.ID)
	bz.Notes = "b's note"
	if _, err := b.v.Update(ctx, bz); err != nil {
		t.Fatal(err)
	}

	second := export(t, a, to)
	info, err := bundle.Inspect(ctx, b.v, second, bundle.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bundle.PlanAction{x.ID: bundle.PlanConflict, y.ID: bundle.PlanUpdate, z.ID: bundle.PlanOlder}
	for _, it := range info.Cases {
		if it.Action != want[it.ID] {
			t.Errorf("plan for %s: %s, want %s", it.Number, it.Action, want[it.ID])
		}
	}
	res, err := bundle.Import(ctx, b.v, second, bundle.ImportOptions{})
	if err != nil || res.Conflicts != 1 || res.Updated != 1 || res.Unchanged != 1 {
		t.Fatalf("import: %+v, %v", res, err)
	}
	// The local edit is kept; the incoming one waits as a conflict.
	if got, _ := b.v.Get(ctx, x.ID); !reflect.DeepEqual(got, bx) {
		t.Error("import overwrote a local edit")
	}
	if got, _ := b.v.Get(ctx, y.ID); got.Notes != "a's note" || got.Version != 2 {
		t.Errorf("fast-forward: got version %d %q", got.Version, got.Notes)
	}
	cfs, err := b.v.CaseConflicts(ctx, x.ID)
	if err != nil || len(cfs) != 1 || cfs[0].Incoming.Status != "located" || cfs[0].Sender != a.key.Fingerprint() {
		t.Fatalf("conflicts: %+v, %v", cfs, err)
	}
	fields := cases.ConflictFields(bx, cfs[0].Incoming)
	if !reflect.DeepEqual(fields, []string{"priority", "status"}) {
		t.Errorf("ConflictFields = %v", fields)
	}

	// An older bundle from the same sender: its sequence is older, and
	// nothing changes.
	old, err := bundle.Inspect(ctx, b.v, first, bundle.ImportOptions{})
	if err != nil || !old.OlderSequence || old.Count(bundle.PlanConflict) != 0 && old.Count(bundle.PlanOlder) == 0 {
		t.Errorf("older bundle: %+v, %v", old, err)
	}

	// Take the incoming status, keep the local priority.
	merged, err := cases.MergeCase(bx, cfs[0].Incoming, []string{"status"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := b.v.ResolveConflict(ctx, cfs[0].ID, merged)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != "located" || got.Priority != "urgent" || got.Version != bx.Version+1 {
		t.Errorf("resolved: %+v", got)
	}
	if cfs, _ := b.v.Conflicts(ctx); len(cfs) != 0 {
		t.Errorf("conflict still listed after resolving: %+v", cfs)
	}
}

func TestBundleConflictKeepBoth(t *testing.T) {
	a, b := newPeer(t), newPeer(t)
	befriend(t, a, b)
	c, err := a.v.Add(ctx, fullCase("Сергей Лебедев"))
	if err != nil {
		t.Fatal(err)
	}
	to := bundle.ExportOptions{CaseIDs: []string{c.ID}, Recipients: []crypto.PublicKey{b.key}}
	if _, err := bundle.Import(ctx, b.v, export(t, a, to), bundle.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	c.Notes = "a"
	a.v.Update(ctx, c)
	bc, _ := b.v.Get(ctx, c.ID)
	bc.Notes = "b"
	b.v.Update(ctx, bc)
	if res, err := bundle.Import(ctx, b.v, export(t, a, to), bundle.ImportOptions{}); err != nil || res.Conflicts != 1 {
		t.Fatalf("import: %+v %v", res, err)
	}
	cfs, _ := b.v.Conflicts(ctx)
	copyCase, err := b.v.KeepBothConflict(ctx, cfs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if copyCase.ID == c.ID || copyCase.Notes != "a" || b.v.Index().Len() != 2 {
		t.Errorf("keep both: %+v (index %d)", copyCase, b.v.Index().Len())
	}
	if got, _ := b.v.Get(ctx, c.ID); got.Notes != "b" {
		t.Error("keep both changed the local case")
	}
}

func TestBundleUnknownSender(t *testing.T) {
	a, b := newPeer(t), newPeer(t) // not contacts
	c, _ := a.v.Add(ctx, vaulttest.SampleCase("Иван Петров"))
	file := export(t, a, bundle.ExportOptions{CaseIDs: []string{c.ID}, Recipients: []crypto.PublicKey{b.key}})
	info, err := bundle.Inspect(ctx, b.v, file, bundle.ImportOptions{})
	if err != nil || info.SenderStatus != bundle.SenderUnknown || info.Fingerprint != a.key.Fingerprint() {
		t.Fatalf("inspect: %+v %v", info, err)
	}
	before := fileState(t, b.path)
	other, _ := crypto.NewIdentity()
	for _, trust := range []string{"", other.Public().Fingerprint()} {
		if _, err := bundle.Import(ctx, b.v, file, bundle.ImportOptions{Trust: trust}); !errors.Is(err, bundle.ErrUntrustedSender) {
			t.Errorf("trust %q: %v, want ErrUntrustedSender", trust, err)
		}
	}
	if fileState(t, b.path) != before {
		t.Error("a refused import changed the vault file")
	}
	typed := strings.ToLower(strings.ReplaceAll(a.key.Fingerprint(), " ", "-"))
	res, err := bundle.Import(ctx, b.v, file, bundle.ImportOptions{Trust: typed, SaveSenderAs: "Anna"})
	if err != nil || res.New != 1 {
		t.Fatalf("trusted import: %+v %v", res, err)
	}
	if ct, err := b.v.FindContact(ctx, "anna"); err != nil || !ct.Key.Equal(a.key) || ct.Verified {
		t.Errorf("saved sender: %+v %v", ct, err)
	}
}

func TestBundlePassphraseRestore(t *testing.T) {
	a, b := newPeer(t), newPeer(t)
	sent := seed(t, a)
	pass, err := bundle.NewPassphrase()
	if err != nil {
		t.Fatal(err)
	}
	file := export(t, a, bundle.ExportOptions{CaseIDs: caseIDs(sent), Passphrase: []byte(pass), Attachments: true})
	if _, err := bundle.Inspect(ctx, b.v, file, bundle.ImportOptions{}); !errors.Is(err, bundle.ErrNeedPassphrase) {
		t.Errorf("without passphrase: %v", err)
	}
	if _, err := bundle.Inspect(ctx, b.v, file, bundle.ImportOptions{Passphrase: []byte("wrong")}); !errors.Is(err, crypto.ErrWrongPassphrase) {
		t.Errorf("wrong passphrase: %v", err)
	}
	res, err := bundle.Import(ctx, b.v, file, bundle.ImportOptions{Passphrase: []byte(pass), Trust: a.key.Fingerprint()})
	if err != nil || res.New != 3 || res.Attachments != 2 || !res.Info.Passphrase {
		t.Fatalf("restore: %+v %v", res, err)
	}
}

func TestBundleRedaction(t *testing.T) {
	a, b := newPeer(t), newPeer(t)
	befriend(t, a, b)
	c, _ := a.v.Add(ctx, fullCase("Сергей Лебедев"))
	c.Notes = "v2"
	c, _ = a.v.Update(ctx, c)
	tests := []struct {
		red  cases.Redaction
		want []cases.Reporter
	}{
		{cases.RedactReporterIdentity, []cases.Reporter{
			{Pseudonym: true, Relation: "half-sister", Consent: "internal", Language: "ru"},
			{Relation: "mother", Consent: "public", Language: "ru"}}},
		{cases.RedactPublicOnly, []cases.Reporter{c.Reporters[1]}},
	}
	for _, tt := range tests {
		dst := newPeer(t)
		befriend(t, a, dst)
		file := export(t, a, bundle.ExportOptions{CaseIDs: []string{c.ID}, Recipients: []crypto.PublicKey{dst.key}, Redaction: tt.red})
		if _, err := bundle.Import(ctx, dst.v, file, bundle.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		for v := int64(1); v <= 2; v++ {
			got, err := dst.v.Revision(ctx, c.ID, v)
			if err != nil || !reflect.DeepEqual(got.Reporters, tt.want) {
				t.Errorf("%s version %d: reporters %+v (%v)", tt.red, v, got.Reporters, err)
			}
		}
	}
}

// The age library opens a bundle with the recipient's identity, and the
// cases inside are readable case-format JSON.
func TestBundleOpensWithAge(t *testing.T) {
	a, b := newPeer(t), newPeer(t)
	sent := seed(t, a)
	file := export(t, a, bundle.ExportOptions{CaseIDs: caseIDs(sent), Recipients: []crypto.PublicKey{b.key}})
	bid, err := b.v.Identity(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// As the age tool would: from the identity file's text.
	id, err := age.ParseX25519Identity(bid.AgeIdentity().String())
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(file)
	defer f.Close()
	r, err := age.Decrypt(f, id)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	entries := containerEntries(t, plain)
	got, err := cases.DecodeCases(entries["cases.json"])
	if err != nil || len(got) != 3 || got[0].Person.Name != "Сергей Лебедев" {
		t.Fatalf("cases.json: %d cases, %v", len(got), err)
	}
	if !bytes.Contains(entries["manifest.json"], []byte(`"format":"kintrace-bundle/1"`)) || len(entries["manifest.sig"]) != 64 {
		t.Error("manifest or signature missing")
	}
}

// containerEntries splits a bundle's plaintext as docs/FORMAT.md describes.
func containerEntries(t *testing.T, plain []byte) map[string][]byte {
	t.Helper()
	const magic = "kintrace-bundle/1\n"
	if !bytes.HasPrefix(plain, []byte(magic)) {
		t.Fatal("no container magic")
	}
	p := plain[len(magic):]
	out := map[string][]byte{}
	for {
		n := int(binary.BigEndian.Uint16(p))
		if n == 0 {
			break
		}
		name := string(p[2 : 2+n])
		size := int(binary.BigEndian.Uint64(p[2+n:]))
		out[name] = p[10+n : 10+n+size]
		p = p[10+n+size:]
	}
	return out
}

func TestExportCancelledLeavesNoFile(t *testing.T) {
	a := newPeer(t)
	sent := seed(t, a)
	dir := t.TempDir()
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err := bundle.Export(cctx, a.v, filepath.Join(dir, "x.ktb"), bundle.ExportOptions{CaseIDs: caseIDs(sent), Attachments: true})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled export: %v", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("files left behind: %v", left)
	}
}

// TestBundleOpensWithAgeTool runs the age command-line tool, when it is
// installed, on a bundle with the recipient's identity file.
func TestBundleOpensWithAgeTool(t *testing.T) {
	tool, err := exec.LookPath("age")
	if err != nil {
		t.Skip("the age tool is not installed")
	}
	a, b := newPeer(t), newPeer(t)
	sent := seed(t, a)
	file := export(t, a, bundle.ExportOptions{CaseIDs: caseIDs(sent), Recipients: []crypto.PublicKey{b.key}, Attachments: true})
	id, err := b.v.Identity(ctx)
	if err != nil {
		t.Fatal(err)
	}
	idFile := filepath.Join(t.TempDir(), "identity.txt")
	if err := os.WriteFile(idFile, []byte(id.AgeIdentity().String()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	plain, err := exec.Command(tool, "-d", "-i", idFile, file).Output()
	if err != nil {
		t.Fatalf("age -d: %v", err)
	}
	got, err := cases.DecodeCases(containerEntries(t, plain)["cases.json"])
	if err != nil || len(got) != len(sent) {
		t.Fatalf("cases.json from age -d: %d cases, %v", len(got), err)
	}
}

// A new incoming case whose number another local case has refuses the
// whole import, and nothing is written.
func TestBundleNumberTaken(t *testing.T) {
	a, b := newPeer(t), newPeer(t)
	befriend(t, a, b)
	sent := seed(t, a)
	clash := vaulttest.SampleCase("Другой человек")
	clash.Number = sent[1].Number
	if _, err := b.v.Add(ctx, clash); err != nil {
		t.Fatal(err)
	}
	file := export(t, a, bundle.ExportOptions{CaseIDs: caseIDs(sent), Recipients: []crypto.PublicKey{b.key}, Attachments: true})
	info, err := bundle.Inspect(ctx, b.v, file, bundle.ImportOptions{})
	if err != nil || !info.Cases[1].NumberTaken || info.Cases[0].NumberTaken {
		t.Fatalf("inspect: %+v %v", info, err)
	}
	before := fileState(t, b.path)
	if _, err := bundle.Import(ctx, b.v, file, bundle.ImportOptions{}); !errors.Is(err, bundle.ErrNumberTaken) {
		t.Fatalf("import: %v, want ErrNumberTaken", err)
	}
	if fileState(t, b.path) != before || b.v.Index().Len() != 1 {
		t.Fatal("a refused import changed the vault")
	}
}
