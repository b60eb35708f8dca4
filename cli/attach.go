package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"fyne.io/fyne/v2/lang"

	"kintrace/cases/media"
	"kintrace/cases/vault"
)

func init() {
	register(&command{name: "attach", usage: "ID|NUMBER FILE... [--event N] [--strip-location [--keep-original]] [--vault PATH]",
		summary: "cli.summary.attach", run: attachFiles})
	register(&command{name: "attachments", usage: "ID|NUMBER [--json] [--vault PATH]",
		summary: "cli.summary.attachments", run: listAttachments})
	register(&command{name: "extract", usage: "ID|NUMBER ATTACHMENT --out FILE|- [--vault PATH]",
		summary: "cli.summary.extract", run: extractAttachment})
}

// describeAttachment words the errors of attachment commands; describe
// calls it first, because a damaged attachment also wraps crypto.ErrCorrupt
// and deserves a more precise sentence.
func describeAttachment(err error) (string, bool) {
	var ae *vault.AttachmentError
	var bad *media.DamagedImageError
	switch {
	case errors.As(err, &ae):
		return lang.X("cli.attach.err.damaged", "the attachment is damaged or has been tampered with (chunk {{.Chunk}}: {{.Problem}})",
			map[string]any{"Chunk": ae.Chunk, "Problem": ae.Problem}), true
	case errors.Is(err, vault.ErrAttachmentName):
		return lang.L("cli.attach.err.name"), true
	case errors.As(err, &bad):
		return lang.X("cli.attach.err.bad_image", "the photo's {{.Format}} structure is damaged, so its location data cannot be removed; nothing was added",
			map[string]any{"Format": bad.Format}), true
	case errors.Is(err, media.ErrTooLargeToStrip):
		return lang.X("cli.attach.err.strip_too_large", "the photo is larger than {{.MiB}} MiB, too large for its location data to be removed; nothing was added",
			map[string]any{"MiB": media.MaxWebPStrip >> 20}), true
	case errors.Is(err, errOutExists):
		return lang.L("cli.attach.err.out_exists"), true
	}
	return "", false
}

var errOutExists = errors.New("cli: the output file exists")

func attachFiles(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("attach")
	event := fs.Int("event", 0, "")
	strip := fs.Bool("strip-location", false, "")
	keep := fs.Bool("keep-original", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return usageError{lang.L("cli.attach.err.need_files")}
	}
	if *event < 0 {
		return usageError{lang.L("cli.attach.err.bad_event")}
	}
	if *keep && !*strip {
		return usageError{lang.L("cli.attach.err.keep_needs_strip")}
	}
	var ev *int
	if *event > 0 {
		n := *event - 1 // people count events from 1
		ev = &n
	}
	return e.withVault(vf, func(v *vault.Vault) error {
		ctx, stop := signal.NotifyContext(e.ctx, os.Interrupt)
		defer stop()
		for _, file := range pos[1:] {
			add := func(name string, stripLocation bool) error {
				f, err := os.Open(file)
				if err != nil {
					return err
				}
				defer f.Close()
				var size int64
				if st, err := f.Stat(); err == nil {
					size = st.Size()
				}
				var r io.Reader = f
				if stripLocation {
					r = media.StripLocation(f)
				}
				a, err := v.AddAttachment(ctx, pos[0], ev, name, r, e.progress(name, size))
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "%s\t%s\t%d\n", a.ID, printable(a.Name), a.Size)
				return nil
			}
			name := file
			if err := add(name, *strip); err != nil {
				return err
			}
			if *keep {
				if err := add(lang.X("cli.attach.original_name", "original {{.Name}}", map[string]any{"Name": baseName(file)}), false); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func baseName(p string) string {
	p = strings.ReplaceAll(p, "\\", "/")
	return p[strings.LastIndexByte(p, '/')+1:]
}

// progress reports an add of more than 8 MiB on standard error, in steps of
// 5 per cent.
func (e *env) progress(name string, size int64) func(int64) {
	if size < 8<<20 {
		return nil
	}
	last := int64(-1)
	return func(done int64) {
		pct := done * 100 / size
		if pct/5 == last/5 {
			return
		}
		last = pct
		end := "\r"
		if done >= size {
			end = "\n"
		}
		fmt.Fprintf(e.stderr, "%s: %d%%%s", baseName(name), pct, end)
	}
}

func listAttachments(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("attachments")
	asJSON := fs.Bool("json", false, "")
	id, err := parseOneCase(fs, args)
	if err != nil {
		return err
	}
	v, err := e.openUnlocked(vf)
	if err != nil {
		return err
	}
	defer v.Close()
	if _, err := v.Get(e.ctx, id); err != nil {
		return err
	}
	list, err := v.Attachments(e.ctx, id)
	if err != nil {
		return err
	}
	if *asJSON {
		type row struct {
			ID      string    `json:"id"`
			Event   *int      `json:"event,omitempty"` // from 1, as --event takes it
			Name    string    `json:"name"`
			Type    string    `json:"type"`
			Size    int64     `json:"size"`
			SHA256  string    `json:"sha256"`
			AddedAt time.Time `json:"added_at"`
		}
		out := make([]row, 0, len(list))
		for _, a := range list {
			r := row{ID: a.ID, Name: a.Name, Type: a.Type, Size: a.Size, SHA256: a.SHA256, AddedAt: a.AddedAt}
			if a.Event != nil {
				n := *a.Event + 1
				r.Event = &n
			}
			out = append(out, r)
		}
		return writeJSON(e.stdout, out)
	}
	if len(list) == 0 {
		fmt.Fprintln(e.stdout, lang.L("cli.attach.none"))
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", lang.L("cli.attach.col.id"), lang.L("cli.attach.col.name"),
		lang.L("cli.attach.col.type"), lang.L("cli.attach.col.size"), lang.L("cli.attach.col.event"), lang.L("cli.attach.col.added"))
	for _, a := range list {
		ev := "—"
		if a.Event != nil {
			ev = strconv.Itoa(*a.Event + 1)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", a.ID, printable(a.Name), printable(a.Type), a.Size, ev, a.AddedAt.Local().Format(time.DateTime))
	}
	return tw.Flush()
}

func extractAttachment(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("extract")
	out := fs.String("out", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 || *out == "" {
		return usageError{lang.L("cli.attach.err.need_out")}
	}
	return e.withVault(vf, func(v *vault.Vault) error {
		id, err := findAttachment(e, v, pos[0], pos[1])
		if err != nil {
			return err
		}
		rc, _, err := v.OpenAttachment(e.ctx, id)
		if err != nil {
			return err
		}
		defer rc.Close()
		fmt.Fprintln(e.stderr, lang.L("cli.attach.unprotected"))
		if *out == "-" {
			// What was written before a damaged chunk was found cannot be
			// taken back; the error says so by its exit code.
			_, err := io.Copy(e.stdout, rc)
			return err
		}
		// O_EXCL: never overwrite a file; 0600: the copy is for its owner only.
		f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			if errors.Is(err, os.ErrExist) {
				return errOutExists
			}
			return err
		}
		_, err = io.Copy(f, rc)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			// The bytes written may not have passed verification: remove them.
			os.Remove(*out)
			return err
		}
		return nil
	})
}

// findAttachment resolves ATTACHMENT, an attachment id or the file name of
// exactly one attachment of the case.
func findAttachment(e *env, v *vault.Vault, caseRef, ref string) (string, error) {
	if _, err := v.Get(e.ctx, caseRef); err != nil {
		return "", err
	}
	list, err := v.Attachments(e.ctx, caseRef)
	if err != nil {
		return "", err
	}
	var byName []string
	for _, a := range list {
		if strings.EqualFold(a.ID, ref) {
			return a.ID, nil
		}
		if a.Name == ref {
			byName = append(byName, a.ID)
		}
	}
	switch len(byName) {
	case 1:
		return byName[0], nil
	case 0:
		return "", fmt.Errorf("attachment: %w", vault.ErrNotFound)
	}
	return "", usageError{lang.L("cli.attach.err.ambiguous")}
}
