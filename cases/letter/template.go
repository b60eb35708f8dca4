package letter

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
	"unicode/utf8"
)

// A template is Go text/template text with a small, safe set of functions
// (Funcs) over the fields of Data. It may not define or call other
// templates, loop (range) or call functions outside that set, so running
// one takes time in proportion to its length and writes at most
// MaxLetter bytes. Its output is the letter as text: blank lines separate
// paragraphs, a line starting with "# " is the title and a line starting
// with ">> " belongs to the block in the top right corner (the addressee
// and the applicant).

//go:embed templates/*/*.txt
var defaultFiles embed.FS

// MaxTemplate is the longest template, in bytes; MaxLetter the longest
// letter one may write.
const (
	MaxTemplate = 64 << 10
	MaxLetter   = 256 << 10
)

// Errors of templates.
var (
	// ErrTemplate is wrapped by every *TemplateError.
	ErrTemplate = errors.New("letter: the template is not valid")
	// ErrTooLong reports a template or a letter over its limit.
	ErrTooLong = errors.New("letter: too long")
)

// TemplateError says what is wrong with a template and on which line
// (counting from 1; 0 when the fault is not on one line).
type TemplateError struct {
	Line int
	// Detail is text/template's description, without its prefix. It may
	// quote the template, never the case.
	Detail string
}

func (e *TemplateError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("letter: template line %d: %s", e.Line, e.Detail)
	}
	return "letter: template: " + e.Detail
}

func (e *TemplateError) Unwrap() error { return ErrTemplate }

// Funcs are the functions templates may call besides the comparisons and
// logic of text/template (and, or, not, eq, ne, lt, le, gt, ge, len).
var Funcs = template.FuncMap{
	"upper": strings.ToUpper,
	"lower": strings.ToLower,
	"trim":  strings.TrimSpace,
	// default gives def when s is empty: {{default "—" .Unit}}.
	"default": func(def, s string) string {
		if strings.TrimSpace(s) == "" {
			return def
		}
		return s
	},
}

// allowedIdents are the functions a template may name.
var allowedIdents = map[string]bool{
	"upper": true, "lower": true, "trim": true, "default": true,
	"and": true, "or": true, "not": true, "len": true,
	"eq": true, "ne": true, "lt": true, "le": true, "gt": true, "ge": true,
}

// Template is a parsed, checked letter template.
type Template struct {
	t *template.Template
}

const templateName = "letter"

var (
	lineRE    = regexp.MustCompile(`^template: ` + templateName + `:(\d+):(?:\d+:)?\s*(.*)$`)
	startedRE = regexp.MustCompile(`started at ` + templateName + `:(\d+)`)
)

// templateError turns text/template's error into a *TemplateError.
func templateError(err error) error {
	msg := err.Error()
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		detail := m[2]
		// Execution errors repeat the template's name and the action.
		detail = strings.TrimPrefix(detail, `executing "`+templateName+`" at `)
		// An unclosed action is reported where the text ends; the line
		// to mend is where it started.
		if s := startedRE.FindStringSubmatch(detail); s != nil {
			n, _ = strconv.Atoi(s[1])
			detail = strings.TrimSpace(strings.Replace(detail, s[0], "", 1))
		}
		return &TemplateError{Line: n, Detail: detail}
	}
	return &TemplateError{Detail: strings.TrimPrefix(msg, "template: ")}
}

// Parse reads and checks a template: its syntax, the functions and
// actions it uses, and that it runs over sample data. The error is a
// *TemplateError naming the line.
func Parse(src []byte) (*Template, error) {
	if len(src) > MaxTemplate {
		return nil, ErrTooLong
	}
	if !utf8.Valid(src) {
		return nil, &TemplateError{Detail: "the text is not UTF-8"}
	}
	t, err := template.New(templateName).Funcs(Funcs).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, templateError(err)
	}
	for _, tt := range t.Templates() {
		if tt.Name() != templateName {
			return nil, &TemplateError{Line: lineOf(src, tt.Tree.Root.Position()), Detail: "{{define}} and {{block}} are not allowed"}
		}
	}
	if t.Tree == nil || t.Tree.Root == nil {
		return nil, &TemplateError{Detail: "the template is empty"}
	}
	if err := checkNode(src, t.Tree.Root); err != nil {
		return nil, err
	}
	tpl := &Template{t: t}
	for _, lang := range Langs {
		if _, err := tpl.execute(sampleData(lang)); err != nil {
			return nil, err
		}
	}
	return tpl, nil
}

// checkNode refuses the actions a letter template has no use for.
func checkNode(src []byte, n parse.Node) error {
	if n == nil {
		return nil
	}
	refuse := func(what string) error {
		return &TemplateError{Line: lineOf(src, n.Position()), Detail: what + " is not allowed in a letter template"}
	}
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return nil
		}
		for _, c := range n.Nodes {
			if err := checkNode(src, c); err != nil {
				return err
			}
		}
	case *parse.ActionNode:
		return checkNode(src, n.Pipe)
	case *parse.PipeNode:
		if n == nil {
			return nil
		}
		if len(n.Decl) > 0 {
			return refuse("a variable")
		}
		for _, c := range n.Cmds {
			if err := checkNode(src, c); err != nil {
				return err
			}
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			if err := checkNode(src, a); err != nil {
				return err
			}
		}
	case *parse.IdentifierNode:
		if !allowedIdents[n.Ident] {
			return refuse(fmt.Sprintf("the function %q", n.Ident))
		}
	case *parse.IfNode:
		return checkBranch(src, &n.BranchNode)
	case *parse.WithNode:
		return checkBranch(src, &n.BranchNode)
	case *parse.RangeNode:
		return refuse("{{range}}")
	case *parse.TemplateNode:
		return refuse("{{template}}")
	case *parse.BreakNode, *parse.ContinueNode:
		return refuse("{{break}}")
	case *parse.VariableNode:
		return refuse("a variable")
	case *parse.ChainNode:
		return checkNode(src, n.Node)
	}
	return nil
}

func checkBranch(src []byte, b *parse.BranchNode) error {
	for _, c := range []parse.Node{b.Pipe, b.List, b.ElseList} {
		switch c := c.(type) {
		case *parse.ListNode:
			if c == nil {
				continue
			}
		case *parse.PipeNode:
			if c == nil {
				continue
			}
		}
		if err := checkNode(src, c); err != nil {
			return err
		}
	}
	return nil
}

// lineOf is the line (from 1) of byte offset pos in src.
func lineOf(src []byte, pos parse.Pos) int {
	p := min(max(int(pos), 0), len(src))
	return 1 + bytes.Count(src[:p], []byte("\n"))
}

// limitedBuffer refuses to grow past MaxLetter bytes.
type limitedBuffer struct{ bytes.Buffer }

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > MaxLetter {
		return 0, ErrTooLong
	}
	return b.Buffer.Write(p)
}

func (t *Template) execute(d Data) (string, error) {
	var buf limitedBuffer
	if err := t.t.Execute(&buf, d); err != nil {
		if errors.Is(err, ErrTooLong) {
			return "", ErrTooLong
		}
		return "", templateError(err)
	}
	return buf.String(), nil
}

// Default is the embedded template for kind in lang.
func Default(kind Kind, lang Lang) ([]byte, error) {
	if _, err := ParseKind(string(kind)); err != nil {
		return nil, err
	}
	if _, err := ParseLang(string(lang)); err != nil {
		return nil, err
	}
	return defaultFiles.ReadFile("templates/" + string(lang) + "/" + string(kind) + ".txt")
}
