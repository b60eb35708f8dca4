package chatimport

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"kintrace/cases"
	"kintrace/cases/intake/chat"
	"kintrace/cases/media"
	"kintrace/cases/vault"
)

// Request is what to import: the chosen messages of an export into a case.
type Request struct {
	// Case is the case's id or number.
	Case string
	// Me is the name or number of the user who exported the chat: their
	// messages become sent messages.
	Me string
	// Selection chooses the messages (all but the app's own lines when
	// zero).
	Selection chat.Selection
	// Progress, when not nil, is called after each message stored with
	// the number done and the number to do.
	Progress func(done, total int)
}

// Sender is one sender of the chosen messages.
type Sender struct {
	Name, Handle string
	Messages     int
}

// Plan is what an import adds to a case.
type Plan struct {
	// CaseID and CaseNumber name the case; Version is the version the
	// plan was made against.
	CaseID, CaseNumber string
	Version            int64
	// Events are the new events and Messages their messages' indexes in
	// the export.
	Events   []cases.Event
	Messages []int
	// Duplicates are the chosen messages already in the timeline.
	Duplicates []int
	// Senders of the new events, most messages first.
	Senders []Sender
	// Attachments is the number of media files of the new events the
	// export holds, MediaBytes their size, and MissingMedia the number
	// it names but does not hold.
	Attachments, MissingMedia int
	MediaBytes                int64
}

// plan makes the plan against c.
func plan(x *chat.Export, c cases.Case, req Request) Plan {
	chosen := x.Select(req.Selection)
	p := chat.Plan(x, chosen, req.Me, c.Events)
	out := Plan{CaseID: c.ID, CaseNumber: c.Number, Version: c.Version, Events: p.Events, Messages: p.Messages, Duplicates: p.Duplicates}
	type key struct{ name, handle string }
	counts := map[key]int{}
	for _, i := range p.Messages {
		m := &x.Messages[i]
		counts[key{m.Sender, m.Handle}]++
		for _, a := range m.Attachments {
			if n, ok := x.MediaSize(a); ok {
				out.Attachments++
				out.MediaBytes += n
			} else {
				out.MissingMedia++
			}
		}
	}
	for k, n := range counts {
		out.Senders = append(out.Senders, Sender{Name: k.name, Handle: k.handle, Messages: n})
	}
	sort.Slice(out.Senders, func(i, j int) bool {
		a, b := out.Senders[i], out.Senders[j]
		if a.Messages != b.Messages {
			return a.Messages > b.Messages
		}
		return a.Name+a.Handle < b.Name+b.Handle
	})
	return out
}

// Prepare plans the import of req from x without writing anything.
func Prepare(ctx context.Context, v *vault.Vault, x *chat.Export, req Request) (Plan, error) {
	var p Plan
	err := v.ReadTx(ctx, func(t *vault.Tx) error {
		c, err := t.Case(t.Resolve(req.Case))
		if err != nil {
			return err
		}
		p = plan(x, c, req)
		return nil
	})
	return p, err
}

// ErrNothingToImport reports an import whose messages are all in the case
// already (or none was chosen).
var ErrNothingToImport = errors.New("chatimport: no new message to import")

// Import adds the events of req's messages that the case does not hold yet
// (planned again inside the transaction, so a second import adds nothing)
// and the media files of those messages that the export holds, each an
// encrypted attachment of its event, with a photo's location data
// removed. Everything is written in one transaction: when anything fails
// (a damaged photo, a truncated zip, a cancelled ctx) nothing is stored.
// It returns the plan carried out.
func Import(ctx context.Context, v *vault.Vault, x *chat.Export, req Request) (Plan, error) {
	var p Plan
	// The chosen messages' media, new or not, decide the journal: planning
	// is done once, inside the transaction (at 100 000 messages a plan
	// costs most of a second).
	bulk := chosenMediaBytes(x, req) >= vault.BulkThreshold
	err := v.WriteTx(ctx, bulk, func(t *vault.Tx) error {
		c, err := t.Case(t.Resolve(req.Case))
		if err != nil {
			return err
		}
		p = plan(x, c, req)
		if len(p.Events) == 0 {
			return ErrNothingToImport
		}
		first := len(c.Events)
		c.Events = append(c.Events, p.Events...)
		saved, err := t.UpdateCase(c)
		if err != nil {
			return err
		}
		p.Version = saved.Version
		for j, i := range p.Messages {
			for _, a := range x.Messages[i].Attachments {
				if !x.HasMedia(a) {
					continue
				}
				if err := addMedia(t, x, saved.ID, first+j, a); err != nil {
					return err
				}
			}
			if req.Progress != nil {
				req.Progress(j+1, len(p.Messages))
			}
		}
		return nil
	})
	if errors.Is(err, ErrNothingToImport) {
		return p, err // the plan says which messages the case holds already
	}
	if err != nil {
		return Plan{}, err
	}
	return p, nil
}

// chosenMediaBytes is the size of the media files of req's messages that
// x holds.
func chosenMediaBytes(x *chat.Export, req Request) int64 {
	var n int64
	for _, i := range x.Select(req.Selection) {
		for _, a := range x.Messages[i].Attachments {
			if size, ok := x.MediaSize(a); ok {
				n += size
			}
		}
	}
	return n
}

// addMedia stores the export's file name as an attachment of the event.
func addMedia(t *vault.Tx, x *chat.Export, caseID string, event int, name string) error {
	rc, err := x.OpenMedia(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	if _, err := t.AddAttachment(caseID, &event, name, media.StripLocation(rc)); err != nil {
		return fmt.Errorf("attachment of event %d: %w", event+1, err)
	}
	return nil
}
