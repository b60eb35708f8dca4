package bundle

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"kintrace/cases"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

// incoming is a bundle's verified content held for planning.
type incoming struct {
	ob    *Opened
	cases []cases.Case
	revs  map[string][]vault.IncomingVersion // by case id, oldest first
	atts  map[string]bundleAttachment        // by entry name
	order []string                           // attachment entry names
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
// (Inspect), kept for one vault so that importing the same bundle
// next, as the app and the command line do after showing the plan, does
// not decode and check cases.json, history.json and attachments.json a
// second time: the strict case decoder costs about as much as decrypting
// the bundle. It is keyed by the SHA-256 of the signed manifest bytes,
// which hold the size and SHA-256 of every entry and of every case version,
// and everything kept was derived from those entries and that manifest
// alone (not from the vault). Import still reads every entry and still
// checks each against the manifest's hash before it commits, so what it
// reuses is the decoding of exactly the bytes it imports. It is used at
// most once, replaced by the next inspection, dropped by Lock (see
// vault.Remember), and kept
// only when the JSON entries total at most maxInspectedJSON.
type inspected struct {
	manifest [sha256.Size]byte
	in       *incoming
}

// inspectedKey is the key under which the vault remembers an inspection.
type inspectedKey struct{}

// maxInspectedJSON bounds the JSON whose decoding is kept between inspect
// and import.
const maxInspectedJSON = 64 << 20

// keepInspected remembers in, the checked content of a bundle inspected
// in t's vault.
func keepInspected(t *vault.Tx, in *incoming) {
	var size int64
	for _, e := range in.ob.Manifest.Entries {
		if !strings.HasPrefix(e.Name, attachmentPrefix) {
			size += e.Size
		}
	}
	t.Remember(inspectedKey{}, nil)
	if size <= maxInspectedJSON {
		t.Remember(inspectedKey{}, &inspected{manifest: sha256.Sum256(in.ob.Raw),
			in: &incoming{cases: in.cases, revs: in.revs, atts: in.atts, order: in.order}})
	}
}

// takeInspected returns, and forgets, what t's vault kept from inspecting
// the bundle whose signed manifest is raw; nil when it kept nothing for it.
func takeInspected(t *vault.Tx, raw []byte) *incoming {
	kept, _ := t.Recall(inspectedKey{}).(*inspected)
	if kept == nil {
		return nil
	}
	t.Remember(inspectedKey{}, nil)
	if kept.manifest != sha256.Sum256(raw) {
		return nil
	}
	return kept.in
}

// checkLayout requires the entries a Kintrace bundle has, in its order:
// cases.json, history.json, then optionally attachments.json followed by
// the attachments it describes.
func checkLayout(m *Manifest) error {
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
func readJSONEntry(e ManifestEntry, r io.Reader) ([]byte, error) {
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
// to Reader.ReadEntries, which hashes them and compares with the manifest.
func (in *incoming) visitJSON(e ManifestEntry, r io.Reader) (bool, error) {
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
		// result is used only after Reader.ReadEntries has checked these
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
	if err := decodeStrict(data, &h); err != nil || h.Format != sideFileFormat {
		return fmt.Errorf("history.json: %w", crypto.ErrCorrupt)
	}
	in.revs = map[string][]vault.IncomingVersion{}
	for _, r := range h.Revisions {
		br := vault.IncomingVersion{ID: r.ID, Version: r.Version, SavedAt: r.SavedAt, SavedBy: r.SavedBy, Changed: r.Changed}
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
	if err := decodeStrict(data, &f); err != nil || f.Format != sideFileFormat || len(f.Attachments) == 0 {
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
		if _, err := vault.CleanAttachmentName(a.Name); err != nil {
			return fmt.Errorf("attachments.json: attachment %d: %w", i+1, crypto.ErrCorrupt)
		}
		in.atts[e.Name] = a
		in.order = append(in.order, e.Name)
	}
	return nil
}
