package bundle

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"kintrace/cases/vault"
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
	// RestoreDeleted adds back the cases deleted in this vault that the
	// bundle carries (PlanDeleted); without it they stay deleted and their
	// attachments are not stored.
	RestoreDeleted bool
	// Progress, when set, is called with bytes read and their total. An
	// import may call it from a goroutine of its own, never from two at
	// once, and not after Import returns.
	Progress func(done, total int64)
}

// ImportResult tells what an import did.
type ImportResult struct {
	Info        *Info
	New         int
	Updated     int
	Conflicts   int
	Unchanged   int // already had or older
	Deleted     int // deleted in this vault and left deleted
	Restored    int // deleted in this vault and restored (RestoreDeleted)
	Attachments int
	// NoOp is set when the bundle had been imported before and nothing
	// was written.
	NoOp bool
}

// openOptions opens with the passphrase when given, else the identity.
func openOptions(ctx context.Context, v *vault.Vault, opt ImportOptions) (OpenOptions, *crypto.Identity, error) {
	id, err := v.Identity(ctx)
	if err != nil {
		return OpenOptions{}, nil, err
	}
	o := OpenOptions{Progress: opt.Progress}
	if len(opt.Passphrase) > 0 {
		o.Passphrase = opt.Passphrase
	} else {
		o.Identity = id
	}
	return o, id, nil
}

// Inspect opens and verifies a bundle without importing it into v and
// says what importing would do. It writes nothing (except creating the
// vault's identity on first use).
func Inspect(ctx context.Context, v *vault.Vault, path string, opt ImportOptions) (*Info, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("inspect bundle: %w", err)
	}
	defer f.Close()
	oo, id, err := openOptions(ctx, v, opt)
	if err != nil {
		return nil, fmt.Errorf("inspect bundle: %w", err)
	}
	defer id.Wipe()
	in := &incoming{}
	oo.OnManifest = func(ob *Opened) error {
		in.ob = ob
		if err := checkLayout(ob.Manifest); err != nil {
			return err
		}
		// Trust first: decide from the signed manifest, before any entry
		// is read, whether a stranger's bundle is small enough to decode.
		return v.ReadTx(ctx, func(t *vault.Tx) error {
			info, _, err := describe(t, id.Public(), ob)
			if err != nil {
				return err
			}
			return checkUntrustedSize(info, ob.Manifest, opt)
		})
	}
	var info *Info
	_, err = Read(ctx, f, oo, func(e ManifestEntry, r io.Reader) error {
		_, err := in.visitJSON(e, r)
		return err
	})
	if cerr := in.waitCases(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("inspect bundle: %w", err)
	}
	err = v.ReadTx(ctx, func(t *vault.Tx) error {
		var err error
		if info, _, err = describe(t, id.Public(), in.ob); err != nil {
			return err
		}
		if info.Cases, err = plan(t, in); err != nil {
			return err
		}
		keepInspected(t, in)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("inspect bundle: %w", err)
	}
	for _, a := range in.atts {
		info.Attachments++
		info.AttachmentBytes += a.Size
	}
	return info, nil
}

// UntrustedSenderError is the refusal, from its signed manifest alone, of
// a bundle whose JSON entries together exceed MaxUntrustedJSON and whose
// sender is neither this vault nor a contact nor trusted by fingerprint
// (ImportOptions.Trust). It wraps ErrUntrustedSender and names the
// sender's fingerprint, which the user can check with the sender and then
// give as Trust.
type UntrustedSenderError struct {
	Fingerprint string
	JSONSize    int64 // bytes of JSON entries the manifest declares
}

func (e *UntrustedSenderError) Error() string {
	return fmt.Sprintf("%d bytes of JSON from a sender not trusted: %v", e.JSONSize, ErrUntrustedSender)
}

// Unwrap returns ErrUntrustedSender.
func (e *UntrustedSenderError) Unwrap() error { return ErrUntrustedSender }

// checkUntrustedSize refuses a bundle from a sender not trusted whose JSON
// entries exceed MaxUntrustedJSON (UntrustedSenderError).
func checkUntrustedSize(info *Info, m *Manifest, opt ImportOptions) error {
	if info.SenderStatus != SenderUnknown || crypto.NormalizeFingerprint(opt.Trust) == info.Fingerprint {
		return nil
	}
	var size int64
	for _, e := range m.Entries {
		if !strings.HasPrefix(e.Name, attachmentPrefix) {
			size += e.Size
		}
	}
	if size > MaxUntrustedJSON {
		return &UntrustedSenderError{Fingerprint: info.Fingerprint, JSONSize: size}
	}
	return nil
}

// errAlreadyImported stops reading a bundle seen before.
var errAlreadyImported = errors.New("already imported")

// Import verifies a bundle and applies its plan to v in one transaction:
// everything is written or nothing. A bundle imported before is a no-op
// (Result.NoOp). A sender who is neither this vault nor a contact must be
// trusted by fingerprint (opt.Trust), else ErrUntrustedSender. A new case
// whose number is taken is ErrNumberTaken. Conflicting cases keep the local
// version and store the incoming one as a conflict to resolve
// (vault.Conflicts).
//
// A bundle whose entries total vault.BulkThreshold (1 MiB) or more, by its
// verified manifest, is imported with a rollback journal instead of the
// WAL, as large attachments are added (see vault.WriteTx): the new pages
// are then written to disk once instead of twice.
func Import(ctx context.Context, v *vault.Vault, path string, opt ImportOptions) (*ImportResult, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("import bundle: %w", err)
	}
	defer f.Close()
	oo, id, err := openOptions(ctx, v, opt)
	if err != nil {
		return nil, fmt.Errorf("import bundle: %w", err)
	}
	defer id.Wipe()
	// The envelope, manifest and signature are checked before the
	// transaction begins, so that the journal mode can be chosen from the
	// manifest; every entry is read and checked inside it.
	br, err := Open(ctx, f, oo)
	if err != nil {
		return nil, fmt.Errorf("import bundle: %w", err)
	}
	defer br.Close()
	var size int64
	for _, e := range br.Opened().Manifest.Entries {
		size += e.Size
	}
	large := size >= vault.BulkThreshold
	// Decide from the verified manifest, before any entry is read
	// (a stranger's bundle is not decoded at all) and before the
	// transaction (switching the journal for a large one rewrites the
	// file's header): skip or refuse, as the transaction would, a
	// bundle seen before or from a sender not trusted. The
	// transaction checks them again.
	var pre *Info
	err = v.ReadTx(ctx, func(t *vault.Tx) error {
		if err := checkLayout(br.Opened().Manifest); err != nil {
			return err
		}
		var err error
		pre, _, err = describe(t, id.Public(), br.Opened())
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
	res := &ImportResult{}
	err = v.WriteTx(ctx, large, func(t *vault.Tx) error {
		return importTx(ctx, t, br, id.Public(), opt, res)
	})
	if errors.Is(err, errAlreadyImported) {
		return &ImportResult{Info: res.Info, NoOp: true}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("import bundle: %w", err)
	}
	return res, nil
}

// importTx reads the entries of br (whose manifest is verified) and applies
// the plan within t.
func importTx(ctx context.Context, t *vault.Tx, br *Reader, self crypto.PublicKey, opt ImportOptions, res *ImportResult) error {
	in := &incoming{ob: br.Opened()}
	if err := checkLayout(in.ob.Manifest); err != nil {
		return err
	}
	if kept := takeInspected(t, in.ob.Raw); kept != nil {
		in.cases, in.revs, in.atts, in.order, in.reused = kept.cases, kept.revs, kept.atts, kept.order, true
	}
	info, contacts, err := describe(t, self, in.ob)
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
	// cases.json is still being decoded; their descriptions, which need
	// the cases, are stored after the plan is applied (the chunk rows'
	// reference to them is checked at commit).
	var pending []*vault.PendingAttachment
	defer func() {
		for _, p := range pending {
			p.Wipe()
		}
	}()
	err = br.ReadEntries(ctx, func(e ManifestEntry, r io.Reader) error {
		if done, err := in.visitJSON(e, r); done || err != nil {
			return err
		}
		p, err := importAttachment(t, in.atts[e.Name], r, opt.RestoreDeleted)
		if p != nil {
			pending = append(pending, p)
		}
		return err
	})
	if cerr := in.waitCases(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := applyPlan(t, in, opt.RestoreDeleted, res); err != nil {
		return err
	}
	for _, p := range pending {
		if err := t.AttachPending(p); err != nil {
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
	if err := t.PutRecord(kindBundleSeen, m.ID, seen); err != nil {
		return err
	}
	if m.Sequence > res.Info.LastSequence {
		if err := t.PutRecord(kindBundleSender, vault.ContactID(in.ob.Sender),
			[]byte(strconv.FormatUint(m.Sequence, 10))); err != nil {
			return err
		}
	}
	if res.Info.SenderStatus == SenderUnknown && strings.TrimSpace(opt.SaveSenderAs) != "" {
		name, err := vault.CleanContactName(opt.SaveSenderAs)
		if err != nil {
			return err
		}
		for _, c := range contacts {
			if strings.EqualFold(c.Name, name) {
				return fmt.Errorf("contact name: %w", vault.ErrExists)
			}
		}
		if err := t.PutContact(vault.Contact{Name: name, Key: in.ob.Sender, AddedAt: time.Now().UTC().Truncate(time.Second)}); err != nil {
			return err
		}
	}
	return nil
}

// applyPlan writes the cases once cases.json and history.json are checked.
// Cases deleted in this vault are restored only when restore is set.
func applyPlan(t *vault.Tx, in *incoming, restore bool, res *ImportResult) error {
	if in.cases == nil || in.revs == nil {
		return fmt.Errorf("bundle layout: %w", crypto.ErrCorrupt)
	}
	items, err := plan(t, in)
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
		since := it.LocalVersion
		switch it.Action {
		case PlanDeleted:
			if !restore {
				res.Deleted++
				continue
			}
			if c.Number != "" && t.NumberTaken(c.Number, c.ID) {
				return ErrNumberTaken
			}
			if err := t.RemoveTombstone(c.ID); err != nil {
				return err
			}
			since = 0 // its history went with it: restore all of it
			fallthrough
		case PlanNew, PlanUpdate:
			cur := revs[len(revs)-1]
			var earlier []vault.SavedVersion
			for _, r := range revs[:len(revs)-1] {
				if r.Version > since {
					earlier = append(earlier, vault.SavedVersion{SavedAt: r.SavedAt, SavedBy: r.SavedBy, Changed: r.Changed, Case: *r.Case})
				}
			}
			err := t.PutCase(vault.SavedVersion{SavedAt: cur.SavedAt, SavedBy: cur.SavedBy, Changed: cur.Changed, Case: c}, earlier)
			if err != nil {
				return err
			}
			switch it.Action {
			case PlanNew:
				res.New++
			case PlanDeleted:
				res.Restored++
			default:
				res.Updated++
			}
		case PlanConflict:
			cf := vault.ConflictRecord{CaseID: c.ID, BundleID: in.ob.Manifest.ID, Sender: res.Info.Fingerprint,
				SenderName: res.Info.SenderName, ReceivedAt: now, Incoming: c, History: revs}
			if err := t.PutConflict(cf, in.ob.Manifest.Cases[i].SHA256); err != nil {
				return err
			}
			res.Conflicts++
		default:
			res.Unchanged++
		}
	}
	return nil
}

// importAttachment stores the bytes of one incoming attachment, unless the
// vault has it or its case was deleted here and is not restored, for
// t.AttachPending (nil when it is not stored).
func importAttachment(t *vault.Tx, a bundleAttachment, r io.Reader, restore bool) (*vault.PendingAttachment, error) {
	if a.ID == "" {
		return nil, fmt.Errorf("attachment entry: %w", crypto.ErrCorrupt)
	}
	if !restore {
		if deleted, err := deletedHere(t, a.CaseID); deleted || err != nil {
			return nil, err
		}
	}
	if has, err := t.HasAttachment(a.ID); has || err != nil {
		return nil, err
	}
	return t.WriteAttachment(vault.Attachment(a), r)
}

// deletedHere reports whether the case id was deleted in this vault (it has
// a tombstone and no current version).
func deletedHere(t *vault.Tx, id string) (bool, error) {
	if _, err := t.Case(id); !errors.Is(err, vault.ErrNotFound) {
		return false, err
	}
	_, err := t.Tombstone(id)
	if errors.Is(err, vault.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}
