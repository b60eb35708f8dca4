package bundle

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"kintrace/cases"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

// A bundle carries cases between vaults: an age file, signed by the
// sender's vault identity, holding (see Write for the envelope and
// container)
//
//	cases.json        the cases at their current version, case-format.md format 1
//	history.json      every saved version of each case, with who saved it when
//	attachments.json  the attachments' descriptions (only when included)
//	attachments/<id>  each attachment's bytes
//
// and a manifest listing, per case, its id, version and the SHA-256 of its
// canonical JSON (CaseHash) and of each earlier version, so a receiver can
// tell a newer copy from a diverging one without trusting anything but the
// signature.

// Entry names inside a bundle.
const (
	entryCases       = "cases.json"
	entryHistory     = "history.json"
	entryAttachments = "attachments.json"
	attachmentPrefix = "attachments/"
)

// Errors of exporting and importing, beside those of reading a bundle
// (ErrNotBundle, ErrNotRecipient, ErrBadSignature, ErrRecipientMismatch)
// and crypto.ErrCorrupt.
var (
	// ErrUntrustedSender reports a bundle signed by a key that is not
	// among the contacts, imported without trusting its fingerprint.
	ErrUntrustedSender = errors.New("cases: the bundle's sender is not a contact and was not trusted")
	// ErrNumberTaken reports an incoming new case whose number another
	// case of this vault already has.
	ErrNumberTaken = errors.New("cases: an incoming case number is taken by another case")
	// ErrNoCases reports an export with nothing to export.
	ErrNoCases = errors.New("cases: no cases chosen")
)

// sideFileFormat is the "format" of history.json and attachments.json. It
// stays 1 when the case file format (cases.json, cases.CaseFileFormat)
// grows: their own shape has not changed.
const sideFileFormat = 1

// historyFile is history.json.
type historyFile struct {
	Format    int                     `json:"format"`
	Revisions []vault.IncomingVersion `json:"revisions"`
}

// attachmentsFile is attachments.json.
type attachmentsFile struct {
	Format      int                `json:"format"`
	Attachments []bundleAttachment `json:"attachments"`
}

type bundleAttachment struct {
	ID      string    `json:"id"`
	CaseID  string    `json:"case"`
	Event   *int      `json:"event,omitempty"`
	Name    string    `json:"name"`
	Type    string    `json:"type"`
	Size    int64     `json:"size"`
	SHA256  string    `json:"sha256"`
	AddedAt time.Time `json:"added_at"`
}

func attachmentEntry(id string) string { return attachmentPrefix + strings.ToLower(id) }

// ExportOptions choose what a bundle holds and who can open it.
type ExportOptions struct {
	// CaseIDs are the cases to send (ids or case numbers).
	CaseIDs []string
	// Recipients can open the bundle; the vault's own key is always
	// added. Or Passphrase, never both.
	Recipients []crypto.PublicKey
	Passphrase []byte
	Redaction  cases.Redaction
	// Attachments includes the cases' attachments.
	Attachments bool
	// SkipAttachment, when set with Attachments, leaves out the
	// attachments for which it returns true (an incremental send leaves
	// out those the recipient already holds).
	SkipAttachment func(id string) bool
	// Progress, when set, is called with bytes written and their total.
	Progress func(done, total int64)
}

// ExportResult describes a written bundle.
type ExportResult struct {
	ID          string
	Sequence    uint64
	Cases       int
	Versions    int
	Attachments int
	Bytes       int64 // of plaintext entries
}

// exportedCase is one case as it will be sent: redacted, with its history.
type exportedCase struct {
	cur  cases.Case
	revs []vault.SavedVersion // oldest first, including the current version
}

// Export writes a bundle of v's cases to path atomically: into a temporary file
// (0600) in the same folder, synced, then renamed over path. A failure or a
// cancelled ctx leaves no file behind and path as it was.
func Export(ctx context.Context, v *vault.Vault, path string, opt ExportOptions) (ExportResult, error) {
	var res ExportResult
	err := writeFileAtomic(path, func(w io.Writer) error {
		var err error
		res, err = ExportTo(ctx, v, w, opt)
		return err
	})
	return res, err
}

// ExportTo writes a bundle of v's cases to w (see Export for files).
func ExportTo(ctx context.Context, v *vault.Vault, w io.Writer, opt ExportOptions) (ExportResult, error) {
	var res ExportResult
	if len(opt.CaseIDs) == 0 {
		return res, fmt.Errorf("export: %w", ErrNoCases)
	}
	if opt.Redaction == "" {
		opt.Redaction = cases.RedactNone
	}
	if !slices.Contains(cases.Redactions, opt.Redaction) {
		return res, fmt.Errorf("export: redaction profile: %w", cases.ErrInvalid)
	}
	list, err := exportCases(ctx, v, opt.CaseIDs, opt.Redaction)
	if err != nil {
		return res, fmt.Errorf("export: %w", err)
	}
	m := &Manifest{Created: time.Now().UTC().Truncate(time.Second), Redaction: string(opt.Redaction)}
	if m.ID, err = NewID(); err != nil {
		return res, fmt.Errorf("export: %w", err)
	}
	current := make([]cases.Case, len(list))
	hist := historyFile{Format: sideFileFormat, Revisions: []vault.IncomingVersion{}}
	for i, ec := range list {
		current[i] = ec.cur
		mc := ManifestCase{ID: ec.cur.ID, Version: ec.cur.Version, SHA256: CaseHash(ec.cur)}
		for _, rb := range ec.revs {
			br := vault.IncomingVersion{ID: ec.cur.ID, Version: rb.Case.Version, SavedAt: rb.SavedAt, SavedBy: rb.SavedBy, Changed: rb.Changed}
			if rb.Case.Version != ec.cur.Version {
				c := rb.Case
				br.Case = &c
				mc.Parents = append(mc.Parents, ManifestVersion{Version: c.Version, SHA256: CaseHash(c)})
			}
			hist.Revisions = append(hist.Revisions, br)
		}
		m.Cases = append(m.Cases, mc)
		res.Versions += len(ec.revs)
	}
	casesJSON, err := cases.EncodeCases(current)
	if err != nil {
		return res, fmt.Errorf("export: %w", err)
	}
	defer crypto.Wipe(casesJSON)
	histJSON, err := json.Marshal(hist)
	if err != nil {
		return res, fmt.Errorf("export: %w", err)
	}
	defer crypto.Wipe(histJSON)
	entries := []Entry{BytesEntry(entryCases, casesJSON), BytesEntry(entryHistory, histJSON)}
	if opt.Attachments {
		more, n, err := exportAttachments(ctx, v, list, opt.SkipAttachment)
		if err != nil {
			return res, fmt.Errorf("export: %w", err)
		}
		entries = append(entries, more...)
		res.Attachments = n
	}
	id, err := v.Identity(ctx)
	if err != nil {
		return res, fmt.Errorf("export: %w", err)
	}
	defer id.Wipe()
	if m.Sequence, err = v.NextSequence(ctx); err != nil {
		return res, fmt.Errorf("export: %w", err)
	}
	err = Write(ctx, w, m, entries, SealOptions{Sender: id, Recipients: opt.Recipients,
		Passphrase: opt.Passphrase, Progress: opt.Progress})
	if err != nil {
		return res, fmt.Errorf("export: %w", err)
	}
	res.ID, res.Sequence, res.Cases = m.ID, m.Sequence, len(list)
	for _, e := range entries {
		res.Bytes += e.Size
	}
	return res, nil
}

// exportCases reads each case with its whole history and redacts them.
func exportCases(ctx context.Context, v *vault.Vault, ids []string, red cases.Redaction) ([]exportedCase, error) {
	seen := map[string]bool{}
	var out []exportedCase
	err := v.ReadTx(ctx, func(t *vault.Tx) error {
		for _, ref := range ids {
			if err := ctx.Err(); err != nil {
				return err
			}
			cur, err := t.Case(t.Resolve(ref))
			if err != nil {
				return err
			}
			if seen[cur.ID] {
				continue
			}
			seen[cur.ID] = true
			revs, err := t.Versions(cur.ID)
			if err != nil {
				return err
			}
			if len(revs) == 0 || revs[len(revs)-1].Case.Version != cur.Version {
				return fmt.Errorf("case history: %w", vault.ErrTampered)
			}
			ec := exportedCase{cur: red.Apply(cur)}
			for _, rb := range revs {
				rb.Case = red.Apply(rb.Case)
				ec.revs = append(ec.revs, rb)
			}
			out = append(out, ec)
		}
		return nil
	})
	return out, err
}

// exportAttachments lists the attachments of the exported cases as entries
// that stream from the vault while the bundle is written.
func exportAttachments(ctx context.Context, v *vault.Vault, list []exportedCase, skip func(string) bool) ([]Entry, int, error) {
	ids := make([]string, len(list))
	for i, ec := range list {
		ids[i] = ec.cur.ID
	}
	all, err := v.Attachments(ctx, ids...)
	if err != nil {
		return nil, 0, err
	}
	metas := make([]bundleAttachment, 0, len(all))
	for _, m := range all {
		if skip == nil || !skip(m.ID) {
			metas = append(metas, bundleAttachment(m))
		}
	}
	slices.SortFunc(metas, func(a, b bundleAttachment) int { return strings.Compare(a.ID, b.ID) })
	if len(metas) == 0 {
		return nil, 0, nil
	}
	index, err := json.Marshal(attachmentsFile{Format: sideFileFormat, Attachments: metas})
	if err != nil {
		return nil, 0, err
	}
	entries := []Entry{BytesEntry(entryAttachments, index)}
	for _, a := range metas {
		sum, err := hex.DecodeString(a.SHA256)
		if err != nil || len(sum) != sha256.Size {
			return nil, 0, fmt.Errorf("attachment record: %w", crypto.ErrCorrupt)
		}
		e := Entry{Name: attachmentEntry(a.ID), Size: a.Size}
		copy(e.SHA256[:], sum)
		id, size, sha := a.ID, a.Size, a.SHA256
		// Write hashes every entry and compares it with the
		// manifest, which holds the metadata's SHA-256: the reader checks
		// everything else (each chunk's authentication, their number, the
		// size) but is not asked to hash the bytes a second time.
		e.Open = func() (io.ReadCloser, error) {
			rc, got, err := v.StreamAttachment(ctx, id)
			if err != nil {
				return nil, err
			}
			if got.Size != size || got.SHA256 != sha {
				rc.Close()
				return nil, fmt.Errorf("attachment changed during the export: %w", vault.ErrConflict)
			}
			return rc, nil
		}
		entries = append(entries, e)
	}
	return entries, len(metas), nil
}

// writeFileAtomic writes path through fn via a temporary file in the same
// folder: created 0600, synced, renamed over path, and the folder synced,
// so path holds either its old content or the whole new file.
func writeFileAtomic(path string, fn func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".kintrace-bundle-*.tmp")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = f.Chmod(0o600); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	if err = fn(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// CaseHash is the hex SHA-256 of a case's canonical JSON: what
// encoding/json writes for Case, compact. Bundles carry it for every
// version so that receivers can compare versions.
func CaseHash(c cases.Case) string {
	b, err := json.Marshal(c)
	if err != nil {
		// Case holds only strings, numbers, booleans, times and Dates.
		panic("cases: marshal case: " + err.Error())
	}
	sum := sha256.Sum256(b)
	crypto.Wipe(b)
	return hex.EncodeToString(sum[:])
}
