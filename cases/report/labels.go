package report

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"kintrace/cases"
)

// Lang is the language a document is written in.
type Lang string

// The languages of documents.
const (
	English   Lang = "en"
	Russian   Lang = "ru"
	Ukrainian Lang = "uk"
)

// Langs lists every Lang.
var Langs = []Lang{English, Russian, Ukrainian}

// ErrLang reports a language documents are not translated into.
var ErrLang = errors.New("report: unsupported language (want en, ru or uk)")

// ParseLang reads "en", "ru" or "uk"; a locale such as "ru_RU.UTF-8" or
// "uk-UA" gives its language, and "" gives English.
func ParseLang(s string) (Lang, error) {
	if s == "" {
		return English, nil
	}
	code := strings.ToLower(s)
	if i := strings.IndexAny(code, "_-.@"); i >= 0 {
		code = code[:i]
	}
	for _, l := range Langs {
		if string(l) == code {
			return l, nil
		}
	}
	return "", ErrLang
}

//go:embed labels/*.json
var labelFiles embed.FS

var (
	labelsOnce sync.Once
	labelSets  map[Lang]*Labels
)

// Labels are the translated words of documents in one language.
type Labels struct {
	lang Lang
	m    map[string]string
	en   map[string]string
}

// LabelsFor returns the labels of l; an unknown language gives English.
func LabelsFor(l Lang) *Labels {
	labelsOnce.Do(loadLabels)
	if t, ok := labelSets[l]; ok {
		return t
	}
	return labelSets[English]
}

func loadLabels() {
	labelSets = map[Lang]*Labels{}
	raw := map[Lang]map[string]string{}
	for _, l := range Langs {
		data, err := labelFiles.ReadFile("labels/" + string(l) + ".json")
		if err != nil {
			panic(fmt.Sprintf("report: embedded labels for %s: %v", l, err))
		}
		var m map[string]string
		if err := json.Unmarshal(data, &m); err != nil {
			panic(fmt.Sprintf("report: embedded labels for %s: %v", l, err))
		}
		raw[l] = m
	}
	for _, l := range Langs {
		labelSets[l] = &Labels{lang: l, m: raw[l], en: raw[English]}
	}
}

// Lang is the language of t.
func (t *Labels) Lang() Lang { return t.lang }

// T returns the label for key with each "{name}" replaced: args are pairs of
// name and value. A key missing from t's language falls back to English,
// then to the key itself.
func (t *Labels) T(key string, args ...string) string {
	s, ok := t.m[key]
	if !ok {
		if s, ok = t.en[key]; !ok {
			s = key
		}
	}
	for i := 0; i+1 < len(args); i += 2 {
		s = strings.ReplaceAll(s, "{"+args[i]+"}", args[i+1])
	}
	return s
}

// Enum returns the label of an enumeration value ("status", "contact_lost"),
// "" for the empty value, and the value itself when it has no label.
func (t *Labels) Enum(kind, value string) string {
	if value == "" {
		return ""
	}
	key := kind + "." + value
	if s, ok := t.m[key]; ok {
		return s
	}
	if s, ok := t.en[key]; ok {
		return s
	}
	return value
}

// Date writes d at the precision it is known ("2022", "July 2022",
// "10 July 2022"), marked as approximate when approx is set; "" for the zero
// Date.
func (t *Labels) Date(d cases.Date, approx bool) string {
	var s string
	tm := d.Time()
	switch d.Precision() {
	case cases.PrecisionNone:
		return ""
	case cases.PrecisionYear:
		s = strconv.Itoa(tm.Year())
	case cases.PrecisionMonth:
		s = t.T("date.month", "month", t.T("month."+strconv.Itoa(int(tm.Month()))), "y", strconv.Itoa(tm.Year()))
	case cases.PrecisionDay:
		s = t.Day(tm)
	default:
		s = t.T("date.time", "d", strconv.Itoa(tm.Day()), "month_of", t.T("month_of."+strconv.Itoa(int(tm.Month()))),
			"y", strconv.Itoa(tm.Year()), "hm", tm.Format("15:04"))
	}
	if approx {
		s = t.T("date.approx", "date", s)
	}
	return s
}

// Day writes the UTC calendar day of tm ("10 July 2022"); "" for the zero
// time.
func (t *Labels) Day(tm time.Time) string {
	if tm.IsZero() {
		return ""
	}
	tm = tm.UTC()
	return t.T("date.day", "d", strconv.Itoa(tm.Day()), "month_of", t.T("month_of."+strconv.Itoa(int(tm.Month()))),
		"y", strconv.Itoa(tm.Year()))
}
