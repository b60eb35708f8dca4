package vault

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"kintrace/cases"
	"kintrace/cases/bundle"
	"kintrace/crypto"
)

// Records that make import idempotent:
//
//	bundle-seen/<bundle id>          a bundle already imported
//	bundle-sender/<fingerprint>      the highest sequence number seen from a sender
const (
	kindBundleSeen   = "bundle-seen"
	kindBundleSender = "bundle-sender"
)

// SenderStatus says what this vault knows of a bundle's signer. (A
// signature that does not verify never gets this far: it is
// crypto.ErrBadSignature.)
type SenderStatus string

// Sender statuses.
const (
	SenderSelf    SenderStatus = "self"    // this vault's own key
	SenderContact SenderStatus = "contact" // a contact (see BundleInfo.SenderVerified)
	SenderUnknown SenderStatus = "unknown" // a valid signature by a key that is not a contact
)

// PlanAction is what importing does with one incoming case.
type PlanAction string

// Plan actions.
const (
	PlanNew      PlanAction = "new"          // not in this vault: added with its history
	PlanUpdate   PlanAction = "update"       // a newer version of ours: fast-forwarded
	PlanSame     PlanAction = "already_have" // the same version: nothing to do
	PlanOlder    PlanAction = "older"        // an older version of ours: ignored
	PlanConflict PlanAction = "conflict"     // both sides changed it: both kept
)

// PlanItem is the plan for one incoming case.
type PlanItem struct {
	ID, Number string
	// Name is the person's name in the incoming version, for display.
	Name         string
	Version      int64
	LocalVersion int64 // 0 when the case is new
	Action       PlanAction
	// NumberTaken marks a new case whose number another case of this
	// vault has: the import is refused (ErrNumberTaken).
	NumberTaken bool
}

// BundleRecipient is one signed recipient of a bundle.
type BundleRecipient struct {
	Key  string // age1…
	Name string // the contact's name, when known
	Self bool   // this vault
}

// BundleInfo is what inspecting a bundle tells before importing it.
type BundleInfo struct {
	ID         string
	Created    time.Time
	Sequence   uint64
	Redaction  cases.Redaction
	Passphrase bool
	Sender     crypto.PublicKey
	// Fingerprint is the sender's key fingerprint, to compare with them.
	Fingerprint    string
	SenderStatus   SenderStatus
	SenderName     string // the contact's name
	SenderVerified bool
	Recipients     []BundleRecipient
	// AlreadyImported is set when this bundle was imported before:
	// importing it again changes nothing.
	AlreadyImported bool
	// OlderSequence is set when the sender has since sent a newer bundle
	// to this vault (LastSequence).
	OlderSequence   bool
	LastSequence    uint64
	Cases           []PlanItem
	Attachments     int
	AttachmentBytes int64
}

// Count is the number of cases planned for action a.
func (b *BundleInfo) Count(a PlanAction) int {
	n := 0
	for _, c := range b.Cases {
		if c.Action == a {
			n++
		}
	}
	return n
}

// ImportOptions say how to open a bundle and whether to trust its sender.
type ImportOptions struct {
	// Passphrase opens a passphrase bundle; otherwise the vault's identity
	// is used.
	Passphrase []byte
	// Trust is the fingerprint the user accepted for a sender who is not
	// a contact; without it such a bundle is ErrUntrustedSender.
	Trust string
	// SaveSenderAs, when not empty, adds a trusted unknown sender as a
	// contact (unverified) with this name, in the import's transaction.
	SaveSenderAs string
	// Progress, when set, is called with bytes read and their total. An
	// import may call it from a goroutine of its own, never from two at
	// once, and not after ImportBundle returns.
	Progress func(done, total int64)
}

// ImportResult tells what an import did.
type ImportResult struct {
	Info        *BundleInfo
	New         int
	Updated     int
	Conflicts   int
	Unchanged   int // already had or older
	Attachments int
	// NoOp is set when the bundle had been imported before and nothing
	// was written.
	NoOp bool
}

// incoming is a bundle's verified content held for planning.
type incoming struct {
	ob    *bundle.Opened
	cases []cases.Case
	revs  map[string][]bundleRevision // by case id, oldest first
	atts  map[string]bundleAttachment // by entry name
	order []string                    // attachment entry names
	// reused is set when cases, revs, atts and order come from inspecting
	// this very bundle (see inspected): the JSON entries are then read and
	// hashed but not decoded again.
	reused bool
	// casesDone is closed once cases.json, decoded on a goroutine of its
	// own while the rest of the bundle is read, has been decoded and
	// checked (casesErr); nil when that has not started.
	casesDone chan struct{}
	casesErr  error
}

// waitCases waits for cases.json's decoding and returns its error; it is
// an error too when the bundle had no cases.json.
func (in *incoming) waitCases() error {
	if in.casesDone != nil {
		<-in.casesDone
		if in.casesErr != nil {
			return in.casesErr
		}
	}
	if in.cases == nil {
		return fmt.Errorf("bundle layout: %w", crypto.ErrCorrupt)
	}
	return nil
}

// inspected is the decoded and checked JSON of the bundle last inspected
// (InspectBundle), kept for one vault so that importing the same bundle
// next, as the app and the command line do after showing the plan, does
// not decode and check cases.json, history.json and attachments.json a
// second time: the strict case decoder costs about as much as decrypting
// the bundle. It is keyed by the SHA-256 of the signed manifest bytes,
// which hold the size and SHA-256 of every entry and of every case version,
// and everything kept was derived from those entries and that manifest
// alone (not from the vault). Import still reads every entry and still
// checks each against the manifest's hash before it commits, so what it
// reuses is the decoding of exactly the bytes it imports. It is used at
// most once, replaced by the next inspection, dropped by Lock, and kept
// only when the JSON entries total at most maxInspectedJSON.
var inspected struct {
	sync.Mutex
	v        *Vault
	manifest [sha256.Size]byte
	in       *incoming
}

// maxInspectedJSON bounds the JSON whose decoding is kept between inspect
// and import.
const maxInspectedJSON = 64 << 20

// keepInspected remembers in, the checked content of a bundle v inspected.
func keepInspected(v *Vault, in *incoming) {
	var size int64
	for _, e := range in.ob.Manifest.Entries {
		if !strings.HasPrefix(e.Name, attachmentPrefix) {
			size += e.Size
		}
	}
	inspected.Lock()
	defer inspected.Unlock()
	inspected.v, inspected.in = nil, nil
	if size <= maxInspectedJSON {
		inspected.v, inspected.manifest = v, sha256.Sum256(in.ob.Raw)
		inspected.in = &incoming{cases: in.cases, revs: in.revs, atts: in.atts, order: in.order}
	}
}

// takeInspected returns, and forgets, what v kept from inspecting the bundle
// whose signed manifest is raw; nil when it kept nothing for it.
func takeInspected(v *Vault, raw []byte) *incoming {
	inspected.Lock()
	defer inspected.Unlock()
	if inspected.v != v || inspected.in == nil {
		return nil
	}
	in := inspected.in
	ok := inspected.manifest == sha256.Sum256(raw)
	inspected.v, inspected.in = nil, nil
	if !ok {
		return nil
	}
	return in
}

// forgetInspected drops what v kept from an inspection (on Lock).
func forgetInspected(v *Vault) {
	inspected.Lock()
	defer inspected.Unlock()
	if inspected.v == v {
		inspected.v, inspected.in = nil, nil
	}
}

// checkLayout requires the entries a Kintrace bundle has, in its order:
// cases.json, history.json, then optionally attachments.json followed by
// the attachments it describes.
func checkLayout(m *bundle.Manifest) error {
	es := m.Entries
	if len(es) < 2 || es[0].Name != entryCases || es[1].Name != entryHistory {
		return fmt.Errorf("bundle layout: %w", crypto.ErrCorrupt)
	}
	if len(es) == 2 {
		return nil
	}
	if es[2].Name != entryAttachments {
		return fmt.Errorf("bundle layout: %w", crypto.ErrCorrupt)
	}
	for _, e := range es[3:] {
		if !strings.HasPrefix(e.Name, attachmentPrefix) {
			return fmt.Errorf("bundle layout: %w", crypto.ErrCorrupt)
		}
	}
	if len(es) == 3 {
		return fmt.Errorf("bundle layout: %w", crypto.ErrCorrupt)
	}
	return nil
}

// readJSONEntry reads a JSON entry whole (its size is capped by the
// manifest's checks).
func readJSONEntry(e bundle.ManifestEntry, r io.Reader) ([]byte, error) {
	b := make([]byte, e.Size)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, err
	}
	return b, nil
}

// decodeStrict decodes one JSON value with no unknown member and nothing
// after it.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("trailing data")
	}
	return nil
}

// visitJSON handles the JSON entries; it returns false for attachment
// blobs, which the caller handles. When in.reused, the JSON entries were
// decoded and checked when this bundle was inspected: their bytes are left
// to crypto.ReadEntries, which hashes them and compares with the manifest.
func (in *incoming) visitJSON(e bundle.ManifestEntry, r io.Reader) (bool, error) {
	if in.reused {
		return !strings.HasPrefix(e.Name, attachmentPrefix), nil
	}
	switch e.Name {
	case entryCases:
		data, err := readJSONEntry(e, r)
		if err != nil {
			return true, err
		}
		if !bytes.Contains(data[:min(len(data), 64)], []byte(`"format"`)) {
			crypto.Wipe(data)
			return true, fmt.Errorf("cases.json: %w", crypto.ErrCorrupt)
		}
		// The strict decoder costs about as much as decrypting the whole
		// bundle: it runs on a goroutine of its own while the other
		// entries are read (and, on import, attachments stored). Its
		// result is used only after crypto.ReadEntries has checked these
		// bytes against the manifest (waitCases).
		in.casesDone = make(chan struct{})
		go func() {
			defer close(in.casesDone)
			defer crypto.Wipe(data)
			cs, err := cases.DecodeCases(data)
			if err != nil {
				in.casesErr = fmt.Errorf("cases.json: %v: %w", err, crypto.ErrCorrupt)
				return
			}
			in.cases = cs
			in.casesErr = in.checkCases()
		}()
		return true, nil
	case entryHistory:
		data, err := readJSONEntry(e, r)
		if err != nil {
			return true, err
		}
		defer crypto.Wipe(data)
		return true, in.decodeHistory(data)
	case entryAttachments:
		data, err := readJSONEntry(e, r)
		if err != nil {
			return true, err
		}
		return true, in.decodeAttachments(data)
	}
	return false, nil
}

// checkCases compares cases.json with the signed manifest.
func (in *incoming) checkCases() error {
	mc := in.ob.Manifest.Cases
	if len(mc) != len(in.cases) {
		return fmt.Errorf("cases.json: case count: %w", crypto.ErrCorrupt)
	}
	for i, c := range in.cases {
		if c.ID != mc[i].ID || c.Version != mc[i].Version || CaseHash(c) != mc[i].SHA256 {
			return fmt.Errorf("cases.json: case %d does not match the manifest: %w", i+1, crypto.ErrCorrupt)
		}
	}
	return nil
}

type historyFileIn struct {
	Format    int                `json:"format"`
	Revisions []bundleRevisionIn `json:"revisions"`
}

type bundleRevisionIn struct {
	ID      string          `json:"id"`
	Version int64           `json:"version"`
	SavedAt time.Time       `json:"saved_at"`
	SavedBy string          `json:"saved_by,omitempty"`
	Changed []string        `json:"changed,omitempty"`
	Case    json.RawMessage `json:"case,omitempty"`
}

// decodeHistory reads history.json and checks it against the manifest:
// each case lists exactly its signed parents (with matching hashes) and then
// its current version, whose body is in cases.json.
func (in *incoming) decodeHistory(data []byte) error {
	var h historyFileIn
	if err := decodeStrict(data, &h); err != nil || h.Format != cases.CaseFileFormat {
		return fmt.Errorf("history.json: %w", crypto.ErrCorrupt)
	}
	in.revs = map[string][]bundleRevision{}
	for _, r := range h.Revisions {
		br := bundleRevision{ID: r.ID, Version: r.Version, SavedAt: r.SavedAt, SavedBy: r.SavedBy, Changed: r.Changed}
		if len(r.Case) > 0 {
			cs, err := cases.DecodeCases(r.Case)
			if err != nil || len(cs) != 1 {
				return fmt.Errorf("history.json: %w", crypto.ErrCorrupt)
			}
			br.Case = &cs[0]
		}
		in.revs[r.ID] = append(in.revs[r.ID], br)
	}
	if len(in.revs) != len(in.ob.Manifest.Cases) {
		return fmt.Errorf("history.json: case count: %w", crypto.ErrCorrupt)
	}
	for _, mc := range in.ob.Manifest.Cases {
		revs := in.revs[mc.ID]
		if len(revs) != len(mc.Parents)+1 {
			return fmt.Errorf("history.json: versions: %w", crypto.ErrCorrupt)
		}
		for i, p := range mc.Parents {
			r := revs[i]
			if r.Version != p.Version || r.Case == nil || r.Case.ID != mc.ID || r.Case.Version != p.Version ||
				CaseHash(*r.Case) != p.SHA256 {
				return fmt.Errorf("history.json: a version does not match the manifest: %w", crypto.ErrCorrupt)
			}
		}
		if last := revs[len(revs)-1]; last.Version != mc.Version || last.Case != nil {
			return fmt.Errorf("history.json: current version: %w", crypto.ErrCorrupt)
		}
	}
	return nil
}

func (in *incoming) decodeAttachments(data []byte) error {
	var f attachmentsFile
	if err := decodeStrict(data, &f); err != nil || f.Format != cases.CaseFileFormat || len(f.Attachments) == 0 {
		return fmt.Errorf("attachments.json: %w", crypto.ErrCorrupt)
	}
	ids := map[string]bool{}
	for _, c := range in.ob.Manifest.Cases {
		ids[c.ID] = true
	}
	m := in.ob.Manifest
	if len(f.Attachments) != len(m.Entries)-3 {
		return fmt.Errorf("attachments.json: count: %w", crypto.ErrCorrupt)
	}
	in.atts = map[string]bundleAttachment{}
	for i, a := range f.Attachments {
		e := m.Entries[3+i]
		if !cases.ValidID(a.ID) || !ids[a.CaseID] || e.Name != attachmentEntry(a.ID) || e.Size != a.Size || e.SHA256 != a.SHA256 {
			return fmt.Errorf("attachments.json: attachment %d: %w", i+1, crypto.ErrCorrupt)
		}
		if _, err := cleanAttachmentName(a.Name); err != nil {
			return fmt.Errorf("attachments.json: attachment %d: %w", i+1, crypto.ErrCorrupt)
		}
		in.atts[e.Name] = a
		in.order = append(in.order, e.Name)
	}
	return nil
}

// openOptions opens with the passphrase when given, else the identity.
func (v *Vault) openOptions(ctx context.Context, opt ImportOptions) (bundle.OpenOptions, *crypto.Identity, error) {
	id, err := v.Identity(ctx)
	if err != nil {
		return bundle.OpenOptions{}, nil, err
	}
	o := bundle.OpenOptions{Progress: opt.Progress}
	if len(opt.Passphrase) > 0 {
		o.Passphrase = opt.Passphrase
	} else {
		o.Identity = id
	}
	return o, id, nil
}

// describe fills what a bundle's manifest tells, reading the vault's
// bookkeeping through q.
func (v *Vault) describe(ctx context.Context, q querier, k *keyring, self crypto.PublicKey, ob *bundle.Opened) (*BundleInfo, []Contact, error) {
	m := ob.Manifest
	info := &BundleInfo{ID: m.ID, Created: m.Created, Sequence: m.Sequence, Redaction: cases.Redaction(m.Redaction),
		Passphrase: m.Passphrase, Sender: ob.Sender, Fingerprint: ob.Sender.Fingerprint(), SenderStatus: SenderUnknown}
	contacts, err := v.contactsQ(ctx, q, k)
	if err != nil {
		return nil, nil, err
	}
	if ob.Sender.Equal(self) {
		info.SenderStatus = SenderSelf
	} else if c, ok := contactByKey(contacts, ob.Sender); ok {
		info.SenderStatus, info.SenderName, info.SenderVerified = SenderContact, c.Name, c.Verified
	}
	for _, r := range m.Recipients {
		br := BundleRecipient{Key: r, Self: r == self.Age.String()}
		for _, c := range contacts {
			if c.Key.Age.String() == r {
				br.Name = c.Name
			}
		}
		info.Recipients = append(info.Recipients, br)
	}
	if _, err := v.getRecordQ(ctx, q, k, kindBundleSeen, m.ID); err == nil {
		info.AlreadyImported = true
	} else if !errors.Is(err, ErrNotFound) {
		return nil, nil, err
	}
	last, err := v.senderSequence(ctx, q, k, ob.Sender)
	if err != nil {
		return nil, nil, err
	}
	info.LastSequence = last
	info.OlderSequence = m.Sequence <= last && !info.AlreadyImported
	return info, contacts, nil
}

func (v *Vault) senderSequence(ctx context.Context, q querier, k *keyring, sender crypto.PublicKey) (uint64, error) {
	data, err := v.getRecordQ(ctx, q, k, kindBundleSender, contactID(sender))
	if errors.Is(err, ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	n, err := strconv.ParseUint(string(data), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("bundle sender record: %w", crypto.ErrCorrupt)
	}
	return n, nil
}

// plan decides what to do with each incoming case, reading through q.
func (v *Vault) plan(ctx context.Context, q querier, k *keyring, in *incoming) ([]PlanItem, error) {
	out := make([]PlanItem, len(in.cases))
	numbers := map[string]string{}
	for i, c := range in.cases {
		mc := in.ob.Manifest.Cases[i]
		it := PlanItem{ID: c.ID, Number: c.Number, Name: c.Person.Name, Version: c.Version}
		row := rowID(k, kindCase, c.ID)
		r, err := readRow(q, ctx, row)
		switch {
		case errors.Is(err, ErrNotFound):
			it.Action = PlanNew
			if c.Number != "" {
				key := strings.ToUpper(c.Number)
				if other, ok := v.numbers.lookup(c.Number); ok && other != c.ID {
					it.NumberTaken = true
				}
				if other, ok := numbers[key]; ok && other != c.ID {
					it.NumberTaken = true
				}
				numbers[key] = c.ID
			}
		case err != nil:
			return nil, err
		default:
			local, err := v.openCase(k, row, r)
			if err != nil {
				return nil, err
			}
			it.LocalVersion = local.Version
			if it.Action, err = v.compare(ctx, q, k, row, local, mc); err != nil {
				return nil, err
			}
			if it.Action == PlanConflict {
				if _, err := v.getRecordQ(ctx, q, k, kindConflict, conflictID(c.ID, mc.SHA256)); err == nil {
					it.Action = PlanSame // this divergent version is already kept
				} else if !errors.Is(err, ErrNotFound) {
					return nil, err
				}
			}
		}
		out[i] = it
	}
	return out, nil
}

// compare places an incoming version against the local case by the hashes
// of their common versions.
func (v *Vault) compare(ctx context.Context, q querier, k *keyring, row string, local cases.Case, mc bundle.ManifestCase) (PlanAction, error) {
	lh := CaseHash(local)
	switch {
	case mc.Version == local.Version:
		if mc.SHA256 == lh {
			return PlanSame, nil
		}
	case mc.Version > local.Version:
		for _, p := range mc.Parents {
			if p.Version == local.Version && p.SHA256 == lh {
				return PlanUpdate, nil
			}
		}
	default:
		rb, err := v.versionQ(ctx, q, k, row, mc.Version)
		if errors.Is(err, ErrNotFound) {
			return PlanConflict, nil
		}
		if err != nil {
			return "", err
		}
		if CaseHash(rb.Case) == mc.SHA256 {
			return PlanOlder, nil
		}
	}
	return PlanConflict, nil
}

// InspectBundle opens and verifies a bundle without importing it and says
// what importing would do. It writes nothing (except creating the vault's
// identity on first use).
func (v *Vault) InspectBundle(ctx context.Context, path string, opt ImportOptions) (*BundleInfo, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("inspect bundle: %w", err)
	}
	defer f.Close()
	oo, id, err := v.openOptions(ctx, opt)
	if err != nil {
		return nil, fmt.Errorf("inspect bundle: %w", err)
	}
	defer id.Wipe()
	in := &incoming{}
	oo.OnManifest = func(ob *bundle.Opened) error {
		in.ob = ob
		return checkLayout(ob.Manifest)
	}
	var info *BundleInfo
	_, err = bundle.Read(ctx, f, oo, func(e bundle.ManifestEntry, r io.Reader) error {
		_, err := in.visitJSON(e, r)
		return err
	})
	if cerr := in.waitCases(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("inspect bundle: %w", err)
	}
	err = v.withKeys(func(k *keyring) error {
		var err error
		if info, _, err = v.describe(ctx, v.db, k, id.Public(), in.ob); err != nil {
			return err
		}
		info.Cases, err = v.plan(ctx, v.db, k, in)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("inspect bundle: %w", err)
	}
	for _, a := range in.atts {
		info.Attachments++
		info.AttachmentBytes += a.Size
	}
	keepInspected(v, in)
	return info, nil
}

// errAlreadyImported stops reading a bundle seen before.
var errAlreadyImported = errors.New("already imported")

// ImportBundle verifies a bundle and applies its plan in one transaction:
// everything is written or nothing. A bundle imported before is a no-op
// (Result.NoOp). A sender who is neither this vault nor a contact must be
// trusted by fingerprint (opt.Trust), else ErrUntrustedSender. A new case
// whose number is taken is ErrNumberTaken. Conflicting cases keep the local
// version and store the incoming one as a conflict to resolve (Conflicts).
//
// A bundle whose entries total bulkThreshold (1 MiB) or more, by its
// verified manifest, is imported with a rollback journal instead of the
// WAL, as large attachments are added (see withRollbackJournal): the new
// pages are then written to disk once instead of twice.
func (v *Vault) ImportBundle(ctx context.Context, path string, opt ImportOptions) (*ImportResult, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("import bundle: %w", err)
	}
	defer f.Close()
	oo, id, err := v.openOptions(ctx, opt)
	if err != nil {
		return nil, fmt.Errorf("import bundle: %w", err)
	}
	defer id.Wipe()
	// The envelope, manifest and signature are checked before the
	// transaction begins, so that the journal mode can be chosen from the
	// manifest; every entry is read and checked inside it.
	br, err := bundle.Open(ctx, f, oo)
	if err != nil {
		return nil, fmt.Errorf("import bundle: %w", err)
	}
	defer br.Close()
	var size int64
	for _, e := range br.Opened().Manifest.Entries {
		size += e.Size
	}
	large := size >= bulkThreshold
	if large {
		// Switching the journal rewrites the file's header: first skip or
		// refuse, as the transaction would, a bundle seen before or from
		// a sender not trusted, so that these leave the file untouched.
		// The transaction checks them again.
		var pre *BundleInfo
		err := v.withKeys(func(k *keyring) error {
			if err := checkLayout(br.Opened().Manifest); err != nil {
				return err
			}
			var err error
			pre, _, err = v.describe(ctx, v.db, k, id.Public(), br.Opened())
			return err
		})
		switch {
		case err != nil:
			return nil, fmt.Errorf("import bundle: %w", err)
		case pre.AlreadyImported:
			return &ImportResult{Info: pre, NoOp: true}, nil
		case pre.SenderStatus == SenderUnknown && crypto.NormalizeFingerprint(opt.Trust) != pre.Fingerprint:
			return nil, fmt.Errorf("import bundle: %w", ErrUntrustedSender)
		}
	}
	res := &ImportResult{}
	var touched []cases.Case
	err = v.withKeys(func(k *keyring) error {
		run := func() error {
			return v.write(ctx, func(tx *sql.Tx) error {
				touched = nil
				return v.importTx(ctx, tx, k, br, id.Public(), opt, res, &touched)
			})
		}
		if large {
			return v.withRollbackJournal(run)
		}
		return run()
	})
	if errors.Is(err, errAlreadyImported) {
		return &ImportResult{Info: res.Info, NoOp: true}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("import bundle: %w", err)
	}
	if large {
		// Had the journal stayed WAL (another process has the vault
		// open), do not leave the bundle's bytes in it a second time.
		if err := v.checkpoint(); err != nil {
			return nil, fmt.Errorf("import bundle: %w", err)
		}
	}
	overviews := make([]cases.Overview, len(touched))
	for i, c := range touched {
		overviews[i] = c.Overview()
	}
	v.indexPutAll(overviews)
	return res, nil
}

// importTx reads the entries of br (whose manifest is verified) and applies
// the plan within tx.
func (v *Vault) importTx(ctx context.Context, tx *sql.Tx, k *keyring, br *bundle.Reader, self crypto.PublicKey,
	opt ImportOptions, res *ImportResult, touched *[]cases.Case) error {
	in := &incoming{ob: br.Opened()}
	if err := checkLayout(in.ob.Manifest); err != nil {
		return err
	}
	if kept := takeInspected(v, in.ob.Raw); kept != nil {
		in.cases, in.revs, in.atts, in.order, in.reused = kept.cases, kept.revs, kept.atts, kept.order, true
	}
	info, contacts, err := v.describe(ctx, tx, k, self, in.ob)
	if err != nil {
		return err
	}
	res.Info = info
	if info.AlreadyImported {
		return errAlreadyImported
	}
	if info.SenderStatus == SenderUnknown && crypto.NormalizeFingerprint(opt.Trust) != info.Fingerprint {
		return ErrUntrustedSender
	}
	// Attachments' chunks are stored as their entries are read, while
	// cases.json is still being decoded; their metadata records, which
	// need the cases, are stored after the plan is applied (the chunk
	// rows' reference to them is checked at commit).
	var pending []*attachmentMeta
	defer func() {
		for _, m := range pending {
			m.wipe()
		}
	}()
	err = br.ReadEntries(ctx, func(e bundle.ManifestEntry, r io.Reader) error {
		if done, err := in.visitJSON(e, r); done || err != nil {
			return err
		}
		m, err := v.importAttachmentChunks(ctx, tx, k, in.atts[e.Name], r)
		if m != nil {
			pending = append(pending, m)
		}
		return err
	})
	if cerr := in.waitCases(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := v.applyPlan(ctx, tx, k, in, res, touched); err != nil {
		return err
	}
	for _, m := range pending {
		if err := v.importAttachmentMeta(ctx, tx, k, m); err != nil {
			return err
		}
		res.Attachments++
	}
	for _, a := range in.atts {
		res.Info.Attachments++
		res.Info.AttachmentBytes += a.Size
	}
	m := in.ob.Manifest
	seen, _ := json.Marshal(map[string]any{"sender": res.Info.Fingerprint, "sequence": m.Sequence,
		"imported_at": time.Now().UTC().Truncate(time.Second)})
	if err := v.putRecordTx(tx, k, kindBundleSeen, m.ID, seen); err != nil {
		return err
	}
	if m.Sequence > res.Info.LastSequence {
		if err := v.putRecordTx(tx, k, kindBundleSender, contactID(in.ob.Sender),
			[]byte(strconv.FormatUint(m.Sequence, 10))); err != nil {
			return err
		}
	}
	if res.Info.SenderStatus == SenderUnknown && strings.TrimSpace(opt.SaveSenderAs) != "" {
		name, err := cleanContactName(opt.SaveSenderAs)
		if err != nil {
			return err
		}
		for _, c := range contacts {
			if strings.EqualFold(c.Name, name) {
				return fmt.Errorf("contact name: %w", ErrExists)
			}
		}
		if err := v.putContactTx(tx, k, Contact{Name: name, Key: in.ob.Sender, AddedAt: time.Now().UTC().Truncate(time.Second)}); err != nil {
			return err
		}
	}
	return nil
}

// applyPlan writes the cases once cases.json and history.json are checked.
func (v *Vault) applyPlan(ctx context.Context, tx *sql.Tx, k *keyring, in *incoming, res *ImportResult, touched *[]cases.Case) error {
	if in.cases == nil || in.revs == nil {
		return fmt.Errorf("bundle layout: %w", crypto.ErrCorrupt)
	}
	items, err := v.plan(ctx, tx, k, in)
	if err != nil {
		return err
	}
	res.Info.Cases = items
	for _, it := range items {
		if it.NumberTaken {
			return ErrNumberTaken
		}
	}
	now := time.Now().UTC().Truncate(time.Second)
	for i, it := range items {
		c := in.cases[i]
		revs := in.revs[c.ID]
		switch it.Action {
		case PlanNew, PlanUpdate:
			row := rowID(k, kindCase, c.ID)
			var prev *storedRow
			if it.Action == PlanUpdate {
				if prev, err = readRow(tx, ctx, row); err != nil {
					return err
				}
			}
			cur := revs[len(revs)-1]
			if err := v.putCaseTx(ctx, tx, k, c, prev, revisionBlob{SavedAt: cur.SavedAt, SavedBy: cur.SavedBy,
				Changed: cur.Changed, Case: c}); err != nil {
				return err
			}
			for _, r := range revs[:len(revs)-1] {
				if r.Version <= it.LocalVersion {
					continue
				}
				if err := v.putRevisionTx(ctx, tx, k, row, revisionBlob{SavedAt: r.SavedAt, SavedBy: r.SavedBy,
					Changed: r.Changed, Case: *r.Case}); err != nil {
					return err
				}
			}
			*touched = append(*touched, c)
			if it.Action == PlanNew {
				res.New++
			} else {
				res.Updated++
			}
		case PlanConflict:
			cf := conflictJSON{CaseID: c.ID, BundleID: in.ob.Manifest.ID, Sender: res.Info.Fingerprint,
				SenderName: res.Info.SenderName, ReceivedAt: now, Incoming: c, History: revs}
			data, err := json.Marshal(cf)
			if err != nil {
				return err
			}
			err = v.putRecordTx(tx, k, kindConflict, conflictID(c.ID, in.ob.Manifest.Cases[i].SHA256), data)
			crypto.Wipe(data)
			if err != nil {
				return err
			}
			res.Conflicts++
		default:
			res.Unchanged++
		}
	}
	return nil
}

// putRevisionTx stores one past version of a case row (the row itself must
// exist: revisions reference it).
func (v *Vault) putRevisionTx(ctx context.Context, tx *sql.Tx, k *keyring, row string, rb revisionBlob) error {
	b, err := json.Marshal(rb)
	if err != nil {
		return err
	}
	defer crypto.Wipe(b)
	sealed, err := crypto.Seal(k.records, b, v.ad(kindCase, row, fieldRevision, rb.Case.Version))
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT OR REPLACE INTO revisions (record_id, version, data) VALUES (?, ?, ?)`,
		row, rb.Case.Version, sealed)
	return err
}

// importAttachmentChunks stores the chunks of one incoming attachment,
// unless the vault has it, and returns its metadata for
// importAttachmentMeta (nil when the vault has it).
func (v *Vault) importAttachmentChunks(ctx context.Context, tx *sql.Tx, k *keyring, a bundleAttachment, r io.Reader) (*attachmentMeta, error) {
	if a.ID == "" {
		return nil, fmt.Errorf("attachment entry: %w", crypto.ErrCorrupt)
	}
	if _, err := readRow(tx, ctx, rowID(k, kindAttachment, a.ID)); err == nil {
		return nil, nil
	} else if !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	return v.writeAttachmentChunksTx(ctx, tx, k, Attachment(a), r, true, nil)
}

// importAttachmentMeta stores an imported attachment's metadata once the
// plan is applied. An attachment tied to an event the local case does not
// have (a conflict) is attached to the case as a whole.
func (v *Vault) importAttachmentMeta(ctx context.Context, tx *sql.Tx, k *keyring, m *attachmentMeta) error {
	if m.Event != nil {
		if err := v.checkAttachmentTarget(ctx, tx, k, m.CaseID, m.Event); errors.Is(err, ErrNotFound) {
			m.Event = nil
		}
	}
	if err := v.checkAttachmentTarget(ctx, tx, k, m.CaseID, m.Event); err != nil {
		return err
	}
	return v.putAttachmentMetaTx(tx, k, m)
}
