package app

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"kintrace/cases"
)

// Messages of the editor's own checks, in the style of cases.Validate's, so
// that both kinds of problem go through validationMessage.
const (
	msgUnreadableDate   = "unreadable date"
	msgUnreadableNumber = "unreadable number"
)

// validationMessage turns a problem found by cases.Validate (whose Msg is
// English and technical) or by the editor into a sentence in the user's
// language.
func validationMessage(msg string) string {
	switch {
	case msg == "is required":
		return lang.L("editor.err.required")
	case msg == "must not be empty":
		return lang.L("editor.err.empty")
	case msg == "has no digits":
		return lang.L("editor.err.phone")
	case msg == "is set but the date is empty":
		return lang.L("editor.err.approx")
	case strings.HasPrefix(msg, "must be between -90"):
		return lang.L("editor.err.lat")
	case strings.HasPrefix(msg, "must be between -180"):
		return lang.L("editor.err.lon")
	case msg == "lat and lon must be given together":
		return lang.L("editor.err.latlon")
	case strings.HasPrefix(msg, "is required when there is no region"):
		return lang.L("editor.err.place")
	case strings.HasPrefix(msg, "must be a number"):
		return lang.L("editor.err.amount")
	case strings.HasPrefix(msg, "must be a three-letter"):
		return lang.L("editor.err.currency")
	case strings.HasPrefix(msg, "unknown"):
		return lang.L("editor.err.unknown")
	case msg == msgUnreadableDate, strings.HasPrefix(msg, "invalid date"):
		return lang.L("editor.err.date")
	case msg == msgUnreadableNumber:
		return lang.L("editor.err.number")
	case strings.HasPrefix(msg, "must not contain control"):
		return lang.L("editor.err.control")
	case msg == "is required once the request is sent":
		return lang.L("editor.err.required")
	case msg == "is before the request was sent":
		return lang.L("casework.err.deadline_before")
	case msg == "is set but the request is not answered or refused":
		return lang.L("casework.err.answered_on")
	}
	return lang.L("editor.err.invalid")
}

// problemsOf returns the problems err lists (nil when it is not a
// validation error).
func problemsOf(err error) cases.ValidationErrors {
	var many cases.ValidationErrors
	if errors.As(err, &many) {
		return many
	}
	var one *cases.ValidationError
	if errors.As(err, &one) {
		return cases.ValidationErrors{*one}
	}
	return nil
}

var trailingIndex = regexp.MustCompile(`\[(\d+)\]$`)

// findTarget finds the error label for path, or for the nearest enclosing
// field that has one: "person.phones[1]" falls back to "person.phones",
// "events[0].type" to "events[0]". The index stripped from a list of plain
// values ("phones[1]") comes back as its 1-based position, a stripped field
// name ("type") as rest.
func findTarget(targets map[string]*fieldError, path string) (fe *fieldError, position int, rest string) {
	for p := path; p != ""; {
		if fe, ok := targets[p]; ok {
			if position > 0 {
				return fe, position, ""
			}
			return fe, 0, strings.TrimPrefix(path[len(p):], ".")
		}
		if m := trailingIndex.FindStringSubmatchIndex(p); m != nil {
			n, _ := strconv.Atoi(p[m[2]:m[3]])
			position = n + 1
			p = p[:m[0]]
			continue
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			break
		}
		p = p[:i]
		position = 0
	}
	return nil, 0, ""
}

// showProblems puts each problem under its field and, when switchTab is
// set, switches to the tab of the first one. It returns the problems that
// have no field on screen, as sentences for the banner.
func (e *editorScreen) showProblems(ps cases.ValidationErrors, switchTab bool) (unplaced []string) {
	var first *fieldError
	for _, p := range ps {
		fe, pos, rest := findTarget(e.targets, p.Path)
		if fe == nil {
			unplaced = append(unplaced, lang.L("editor.err.at",
				map[string]any{"Field": pathLabel(p.Path), "Msg": validationMessage(p.Msg)}))
			continue
		}
		msg := validationMessage(p.Msg)
		switch {
		case pos > 0:
			msg = lang.L("editor.err.line", map[string]any{"N": pos, "Msg": msg})
		case rest != "":
			msg = lang.L("editor.err.at", map[string]any{"Field": pathLabel(rest), "Msg": msg})
		}
		fe.show(msg)
		if first == nil {
			first = fe
		}
	}
	if t := e.tabFor[first.sectionOrHeader()]; switchTab && t != nil {
		e.tabs.Select(t)
	}
	return unplaced
}

// clearProblems hides every error label.
func (e *editorScreen) clearProblems() {
	for _, fe := range e.allErrors {
		fe.clear()
	}
}

func (f *fieldError) sectionOrHeader() string {
	if f == nil {
		return sectionHeader
	}
	return f.section
}

// problemBanner is the banner of a refused save: how many problems there
// are, and those that have no field on screen.
func problemBanner(n int, unplaced []string) string {
	msg := plural("count.fields_problems", n, map[string]any{"N": n})
	for _, u := range unplaced {
		msg += "\n" + u
	}
	return msg
}
