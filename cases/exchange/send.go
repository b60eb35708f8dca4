package exchange

import (
	"context"
	"errors"
	"io"
	"strings"
	"time"

	"kintrace/cases/bundle"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

// SendOptions narrow or widen one send.
type SendOptions struct {
	// Query or Cases, when set, replace the contact's scope for this send
	// (a search as typed; case ids or numbers).
	Query string
	Cases []string
	// Resend sends again what was sent and not acknowledged.
	Resend bool
}

// SendResult tells what a send wrote.
type SendResult struct {
	// Paths are the files written to the outbox: the bundle, then the
	// notice of deletions (either may be absent).
	Paths []string
	// Cases and Versions are the cases in the bundle and the versions
	// they carry; Attachments its attachments; Deletions the deletions
	// offered.
	Cases, Versions, Attachments, Deletions int
	// Bytes is the size of the files written.
	Bytes int64
	// InScope is the number of cases the sharing rules select; Skipped
	// those the contact already has.
	InScope, Skipped int
}

// sendPlan is what one send will carry.
type sendPlan struct {
	ids       []string        // cases to send
	versions  map[string]held // their local versions
	atts      map[string]bool // attachment ids to send
	deletions []Deletion      // deletions to offer
	skipped   int
	inScope   int
}

// Send writes into the outbox, for contact, a bundle of the case versions
// and attachments the contact lacks among those its Rules share (or
// opt's), and a notice of the cases deleted here that the contact holds.
// What it sends is noted in the contact's ledger as sent and not
// acknowledged. With nothing to send it writes nothing and returns
// ErrNothingToSend.
func Send(ctx context.Context, v *vault.Vault, contact vault.Contact, opt SendOptions) (SendResult, error) {
	var res SendResult
	f, err := GetFolder(ctx, v)
	if err != nil {
		return res, err
	}
	rules, err := GetRules(ctx, v, contact)
	if err != nil {
		return res, err
	}
	switch {
	case len(opt.Cases) > 0:
		rules.Scope, rules.Cases = ScopeCases, opt.Cases
	case opt.Query != "":
		rules.Scope, rules.Query = ScopeQuery, opt.Query
	}
	p, err := planSend(ctx, v, contact, rules, selectCases(v, rules), opt.Resend)
	if err != nil {
		return res, err
	}
	res.InScope, res.Skipped = p.inScope, p.skipped
	if len(p.ids) == 0 && len(p.deletions) == 0 {
		return res, ErrNothingToSend
	}
	if len(p.ids) > 0 {
		var er bundle.ExportResult
		path, size, err := writeOutbox(f, func(w io.Writer) (string, error) {
			var err error
			er, err = bundle.ExportTo(ctx, v, w, bundle.ExportOptions{CaseIDs: p.ids, Recipients: []crypto.PublicKey{contact.Key},
				Redaction: rules.Redaction, Attachments: len(p.atts) > 0, SkipAttachment: func(id string) bool { return !p.atts[strings.ToLower(id)] }})
			return FileName(f.Tag, er.Sequence), err
		})
		if err != nil {
			return res, err
		}
		res.Paths = append(res.Paths, path)
		res.Bytes += size
		res.Cases, res.Versions, res.Attachments = er.Cases, er.Versions, er.Attachments
	}
	if len(p.deletions) > 0 {
		path, size, _, err := writeMessage(ctx, v, f, contact.Key, &Message{Format: recordFormat, Kind: KindDeletions, Deletions: p.deletions})
		if err != nil {
			return res, err
		}
		res.Paths = append(res.Paths, path)
		res.Bytes += size
		res.Deletions = len(p.deletions)
	}
	err = v.WriteTx(ctx, false, func(t *vault.Tx) error {
		l, err := readLedger(t, contact.Key)
		if err != nil {
			return err
		}
		for id, h := range p.versions {
			if cur, ok := l.Cases[id]; ok && cur.Version == h.Version && cur.SHA256 == h.SHA256 && cur.Acked {
				continue
			}
			l.Cases[id] = h
		}
		for id := range p.atts {
			if !l.Attachments[id] {
				l.Attachments[id] = false
			}
		}
		for _, d := range p.deletions {
			delete(l.Cases, d.ID)
			l.Deletions[d.ID] = held{Version: d.Version}
		}
		l.LastSent = time.Now().UTC().Truncate(time.Second)
		return l.write(t, contact.Key)
	})
	return res, err
}

// planSend decides, from the ledger, what of refs the contact lacks.
func planSend(ctx context.Context, v *vault.Vault, contact vault.Contact, rules Rules, refs []string, resend bool) (*sendPlan, error) {
	p := &sendPlan{versions: map[string]held{}, atts: map[string]bool{}}
	var scope []string
	var l *ledger
	err := v.ReadTx(ctx, func(t *vault.Tx) error {
		var err error
		if l, err = readLedger(t, contact.Key); err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, ref := range refs {
			id := t.Resolve(ref)
			if seen[id] {
				continue
			}
			seen[id] = true
			c, err := t.Case(id)
			if errors.Is(err, vault.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			scope = append(scope, id)
			h, ok := l.Cases[id]
			known := ok && (h.Acked || !resend)
			if known && h.Version > c.Version {
				p.skipped++ // the contact has a newer version: never send an older one
				continue
			}
			sha := bundle.CaseHash(c)
			if known && h.Version == c.Version && h.SHA256 == sha {
				p.skipped++
				continue
			}
			p.ids = append(p.ids, id)
			p.versions[id] = held{Version: c.Version, SHA256: sha}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	p.inScope = len(scope)
	if rules.Attachments && len(scope) > 0 {
		atts, err := v.Attachments(ctx, scope...)
		if err != nil {
			return nil, err
		}
		chosen := map[string]bool{}
		for _, id := range p.ids {
			chosen[id] = true
		}
		for _, a := range atts {
			// Attachments are known by their ids in lower case, as bundle
			// entries name them.
			aid := strings.ToLower(a.ID)
			acked, ok := l.Attachments[aid]
			if ok && (acked || !resend) {
				continue
			}
			p.atts[aid] = true
			if !chosen[a.CaseID] {
				// An attachment added to a case the contact has at its
				// current version: the case goes along (a no-op for it).
				chosen[a.CaseID] = true
				p.ids = append(p.ids, a.CaseID)
				p.skipped--
			}
		}
	}
	tombs, err := v.Tombstones(ctx)
	if err != nil {
		return nil, err
	}
	for _, ts := range tombs {
		d, offered := l.Deletions[ts.CaseID]
		_, holds := l.Cases[ts.CaseID]
		switch {
		case offered && !d.Acked && resend, !offered && holds:
			p.deletions = append(p.deletions, Deletion{ID: ts.CaseID, Version: ts.Version})
		}
	}
	return p, nil
}
