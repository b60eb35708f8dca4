package report

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"kintrace/cases"
)

// Column is a column of the case list CSV.
type Column string

// The columns of the case list.
const (
	ColNumber        Column = "number"
	ColID            Column = "id"
	ColName          Column = "name"
	ColAliases       Column = "aliases"
	ColStatus        Column = "status"
	ColPriority      Column = "priority"
	ColTags          Column = "tags"
	ColAssignedTo    Column = "assigned_to"
	ColFacility      Column = "facility"
	ColRegion        Column = "region"
	ColUnit          Column = "unit"
	ColPhones        Column = "phones"
	ColHandles       Column = "handles"
	ColPlaces        Column = "places"
	ColLastContact   Column = "last_contact" // the last confirmed contact
	ColLastSign      Column = "last_sign_of_life"
	ColCreatedAt     Column = "created_at"
	ColUpdatedAt     Column = "updated_at"
	ColVersion       Column = "version"
	ColVerifications Column = "verifications"
	// ColNextFollowUp is the due date of the case's next open follow-up;
	// ColOpenRequests counts its sent requests awaiting an answer and
	// ColOverdueRequests those past their deadline at Options.Now.
	ColNextFollowUp    Column = "next_followup"
	ColOpenRequests    Column = "open_requests"
	ColOverdueRequests Column = "overdue_requests"
)

// AllColumns lists every Column in the order the GUI offers them.
var AllColumns = []Column{ColNumber, ColID, ColName, ColAliases, ColStatus, ColPriority, ColTags,
	ColAssignedTo, ColFacility, ColRegion, ColUnit, ColPhones, ColHandles, ColPlaces, ColLastContact,
	ColLastSign, ColCreatedAt, ColUpdatedAt, ColVersion, ColVerifications, ColNextFollowUp, ColOpenRequests,
	ColOverdueRequests}

// DefaultColumns are the columns of the case list when none are chosen.
var DefaultColumns = []Column{ColNumber, ColName, ColStatus, ColFacility, ColRegion, ColLastContact, ColLastSign,
	ColUpdatedAt}

// ErrColumn reports an unknown column name.
var ErrColumn = errors.New("report: unknown column")

// ParseColumns reads a comma-separated list of column names; "" gives
// DefaultColumns.
func ParseColumns(s string) ([]Column, error) {
	if strings.TrimSpace(s) == "" {
		return slices.Clone(DefaultColumns), nil
	}
	var cols []Column
	for i, f := range strings.Split(s, ",") {
		c := Column(strings.TrimSpace(f))
		if !slices.Contains(AllColumns, c) {
			return nil, fmt.Errorf("%w (column %d; known: %s)", ErrColumn, i+1, columnNames())
		}
		cols = append(cols, c)
	}
	return cols, nil
}

func columnNames() string {
	names := make([]string, len(AllColumns))
	for i, c := range AllColumns {
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}

// Label is the column's title in the document language.
func (c Column) Label(t *Labels) string { return t.T("csv." + string(c)) }

// CaseList writes the cases as CSV (RFC 4180, UTF-8 with a byte order mark
// so that spreadsheet programs read Cyrillic correctly), one row per case
// with a title row, in the order given. Lists inside a cell are separated by
// "; ". A cell that a spreadsheet would run as a formula (starting with =,
// +, -, @, tab or carriage return: "+7 912…" too) is prefixed with an
// apostrophe, since the texts come from outside.
func CaseList(w io.Writer, list []cases.Overview, cols []Column, opt Options) error {
	if err := opt.check(); err != nil {
		return err
	}
	if len(cols) == 0 {
		cols = DefaultColumns
	}
	t := opt.labels()
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = c.Label(t)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	row := make([]string, len(cols))
	for n, o := range list {
		for i, c := range cols {
			row[i] = spreadsheetSafe(cell(t, &o, c, opt.now()))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
		if opt.Progress != nil && (n+1)%500 == 0 {
			opt.Progress(n+1, len(list))
		}
	}
	cw.Flush()
	if opt.Progress != nil {
		opt.Progress(len(list), len(list))
	}
	return cw.Error()
}

func cell(t *Labels, o *cases.Overview, c Column, now time.Time) string {
	switch c {
	case ColNextFollowUp:
		if f, ok := o.NextFollowUp(); ok {
			return string(f.Due)
		}
		return ""
	case ColOpenRequests:
		return strconv.Itoa(len(o.Requests))
	case ColOverdueRequests:
		return strconv.Itoa(o.OverdueRequests(now))
	case ColNumber:
		return o.Number
	case ColID:
		return o.ID
	case ColName:
		if o.Pseudonym {
			return o.Name + " " + t.T("doc.pseudonym")
		}
		return o.Name
	case ColAliases:
		return strings.Join(o.Aliases, "; ")
	case ColStatus:
		return t.Enum("status", string(o.Status))
	case ColPriority:
		return t.Enum("priority", string(o.Priority))
	case ColTags:
		return strings.Join(o.Tags, "; ")
	case ColAssignedTo:
		return o.AssignedTo
	case ColFacility:
		return o.Facility
	case ColRegion:
		return o.Region
	case ColUnit:
		return o.Unit
	case ColPhones:
		return strings.Join(o.Phones, "; ")
	case ColHandles:
		return strings.Join(o.Handles, "; ")
	case ColPlaces:
		return strings.Join(o.Places, "; ")
	case ColLastContact:
		return isoDay(o.LastContact)
	case ColLastSign:
		return isoDay(o.LastSign)
	case ColCreatedAt:
		return isoDay(o.CreatedAt)
	case ColUpdatedAt:
		return isoDay(o.UpdatedAt)
	case ColVersion:
		return strconv.FormatInt(o.Version, 10)
	case ColVerifications:
		var vs []string
		for _, v := range o.Verifications {
			vs = append(vs, t.Enum("verification", string(v)))
		}
		return strings.Join(vs, "; ")
	}
	return ""
}

func isoDay(tm time.Time) string {
	if tm.IsZero() {
		return ""
	}
	return tm.UTC().Format(time.DateOnly)
}

// spreadsheetSafe defuses a cell a spreadsheet would evaluate (CSV
// injection): see OWASP "CSV Injection".
func spreadsheetSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
