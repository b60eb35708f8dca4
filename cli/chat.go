package cli

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"kintrace/cases/intake/chat"
	"kintrace/cases/intake/chatimport"
	"kintrace/cases/vault"
)

func init() {
	register(&command{name: "import chat",
		usage:   "FILE --case ID|NUMBER [--from DATE] [--to DATE] [--me NAME] [--chat NAME] [--tz ZONE] [--date-order day-month|month-day] [--dry-run] [--vault PATH]",
		summary: "cli.summary.import_chat", run: importChat})
}

// describeChat words the errors of reading a chat export.
func describeChat(err error) (string, bool) {
	var le *chat.LineError
	line := 0
	if errors.As(err, &le) {
		line = le.Line
	}
	var msg string
	switch {
	case errors.Is(err, chat.ErrTooLarge):
		msg = lang.X("cli.chat.err.too_large", "the export is larger than {{.MiB}} MiB, more than an import can read", map[string]any{"MiB": chat.MaxTextSize >> 20})
	case errors.Is(err, chat.ErrNotText):
		msg = lang.L("cli.chat.err.not_text")
	case errors.Is(err, chat.ErrNotUTF8):
		msg = lang.L("cli.chat.err.not_utf8")
	case errors.Is(err, chat.ErrNotChat):
		msg = lang.L("cli.chat.err.not_chat")
	case errors.Is(err, chat.ErrNotTelegram):
		msg = lang.L("cli.chat.err.not_telegram")
	case errors.Is(err, chat.ErrBadZip):
		msg = lang.L("cli.chat.err.bad_zip")
	case errors.Is(err, chat.ErrNoChatInZip):
		msg = lang.L("cli.chat.err.no_chat_in_zip")
	case errors.Is(err, chat.ErrLineTooLong):
		msg = lang.L("cli.chat.err.line_too_long")
	case errors.Is(err, chat.ErrMediaNotFound):
		msg = lang.L("cli.chat.err.media_not_found")
	case errors.Is(err, chatimport.ErrNothingToImport):
		msg = lang.L("cli.chat.err.nothing")
	default:
		return "", false
	}
	if line > 0 {
		msg = lang.X("cli.chat.at_line", "line {{.Line}}: {{.Msg}}", map[string]any{"Line": line, "Msg": msg})
	}
	return msg, true
}

// chatDate reads --from and --to: a day (YYYY-MM-DD, in loc) or an RFC
// 3339 time. A --to day runs to its end.
func chatDate(s string, loc *time.Location, end bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.ParseInLocation(time.DateOnly, s, loc); err == nil {
		if end {
			t = t.AddDate(0, 0, 1)
		}
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, usageError{lang.L("cli.chat.err.bad_date")}
}

func importChat(e *env, args []string) error {
	fs, vf := e.vaultFlagSet("import chat")
	caseID := fs.String("case", "", "")
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	me := fs.String("me", "", "")
	chatName := fs.String("chat", "", "")
	tz := fs.String("tz", "", "")
	order := fs.String("date-order", "", "")
	dry := fs.Bool("dry-run", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{lang.L("cli.chat.err.need_file")}
	}
	if *caseID == "" {
		return usageError{lang.L("cli.chat.err.need_case")}
	}
	opt := chat.Options{Location: time.Local}
	if *tz != "" {
		if opt.Location, err = time.LoadLocation(*tz); err != nil {
			return usageError{lang.L("cli.chat.err.bad_tz")}
		}
	}
	switch *order {
	case "":
	case "day-month":
		opt.Order = chat.OrderDayMonth
	case "month-day":
		opt.Order = chat.OrderMonthDay
	default:
		return usageError{lang.L("cli.chat.err.bad_order")}
	}
	var sel chat.Selection
	if sel.From, err = chatDate(*from, opt.Location, false); err != nil {
		return err
	}
	if sel.To, err = chatDate(*to, opt.Location, true); err != nil {
		return err
	}
	sel.Chat = *chatName
	x, err := chat.Open(pos[0], opt)
	if err != nil {
		return err
	}
	defer x.Close()
	return e.withVault(vf, func(v *vault.Vault) error {
		ctx, stop := signal.NotifyContext(e.ctx, os.Interrupt)
		defer stop()
		req := chatimport.Request{Case: *caseID, Me: *me, Selection: sel}
		p, err := chatimport.Prepare(ctx, v, x, req)
		if err != nil {
			return err
		}
		e.printChatPlan(x, p)
		if *dry {
			fmt.Fprintln(e.stdout, lang.L("cli.chat.dry_run"))
			return nil
		}
		if len(p.Events) == 0 {
			fmt.Fprintln(e.stdout, lang.L("cli.chat.nothing_new"))
			return nil
		}
		done, err := chatimport.Import(ctx, v, x, req)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, lang.X("cli.chat.imported", "Imported {{.Events}} events and {{.Attachments}} attachments into {{.Case}}.",
			map[string]any{"Events": len(done.Events), "Attachments": done.Attachments, "Case": caseLabel(done)}))
		return nil
	})
}

func caseLabel(p chatimport.Plan) string {
	if p.CaseNumber != "" {
		return p.CaseNumber
	}
	return p.CaseID
}

// printChatPlan prints what an import adds, and the problems of the
// export's lines.
func (e *env) printChatPlan(x *chat.Export, p chatimport.Plan) {
	system := 0
	for _, m := range x.Messages {
		if m.System {
			system++
		}
	}
	app := "WhatsApp"
	if x.Format == chat.Telegram {
		app = "Telegram"
	}
	w := e.stdout
	fmt.Fprintln(w, lang.X("cli.chat.read", "{{.App}} export: {{.Messages}} messages, {{.System}} of them the app's own lines.",
		map[string]any{"App": app, "Messages": len(x.Messages), "System": system}))
	fmt.Fprintln(w, lang.X("cli.chat.plan", "Case {{.Case}}: {{.New}} new events; {{.Dup}} messages already in the timeline are skipped.",
		map[string]any{"Case": caseLabel(p), "New": len(p.Events), "Dup": len(p.Duplicates)}))
	if len(p.Senders) > 0 {
		fmt.Fprintln(w, lang.L("cli.chat.senders"))
		for _, s := range p.Senders {
			who := s.Name
			if s.Handle != "" && s.Handle != s.Name {
				who = strings.TrimSpace(s.Name + " (" + s.Handle + ")")
			}
			fmt.Fprintf(w, "  %s: %d\n", who, s.Messages)
		}
	}
	fmt.Fprintln(w, lang.X("cli.chat.attachments", "Attachments: {{.N}} to store; {{.Missing}} named but not in the export.",
		map[string]any{"N": p.Attachments, "Missing": p.MissingMedia}))
	if len(x.Problems) == 0 {
		return
	}
	fmt.Fprintln(w, lang.L("cli.chat.problems"))
	for _, pr := range x.Problems {
		fmt.Fprintln(w, "  "+chatProblem(x, pr))
	}
}

func chatProblem(x *chat.Export, pr chat.Problem) string {
	var msg string
	switch pr.Kind {
	case chat.ProblemBeforeFirst:
		msg = lang.X("cli.chat.problem.before_first", "text before the first message, not imported: {{.Text}}", map[string]any{"Text": fmt.Sprintf("%q", pr.Text)})
	case chat.ProblemBadDate:
		msg = lang.L("cli.chat.problem.bad_date")
	case chat.ProblemDateOrder:
		order := lang.L("cli.chat.order.day_month")
		if x.Order == chat.OrderMonthDay {
			order = lang.L("cli.chat.order.month_day")
		}
		return lang.X("cli.chat.problem.date_order", "no day above 12 in the export, so its dates were read as {{.Order}}; if that is wrong, give --date-order", map[string]any{"Order": order})
	case chat.ProblemNoTime:
		msg = lang.L("cli.chat.problem.no_time")
	case chat.ProblemMissingMedia:
		msg = lang.L("cli.chat.problem.missing_media")
	default:
		msg = string(pr.Kind)
	}
	key := "cli.chat.at_line"
	if x.Format == chat.Telegram {
		key = "cli.chat.at_message"
	}
	return lang.X(key, "line {{.Line}}: {{.Msg}}", map[string]any{"Line": pr.Line, "Msg": msg})
}
