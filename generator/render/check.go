package render

import (
	"fmt"
	"html/template"
	"reflect"
	"regexp"
	"strconv"
	"text/template/parse"

	"rolesite/generator/diag"
	"rolesite/generator/render/i18n"
	"rolesite/internal/editdist"
)

// checkTemplateFields resolves every field chain in every action of the page
// templates against the view types, when the templates load: a branch
// that does not run today (an {{if}} on a closed position) is checked
// too, so a typo fails -check and every build at once, at its file, line
// and column, not on the day the branch first runs. Each partial is
// checked with the type of every value a template passes it. A value
// whose type is not known statically (an interface, a function's any)
// is not looked into.
//
// Each {{t "key"}} must name a message of the catalogues; it returns the
// keys the templates use.
func checkTemplateFields(pages map[string]*template.Template, origin map[string]string, fm template.FuncMap, cat *i18n.Set) (diag.List, map[string]bool) {
	c := &checker{origin: origin, funcs: fm, done: map[string]bool{}, cat: cat, keys: map[string]bool{}}
	for _, kind := range pageKinds {
		t := pages[kind]
		if t == nil {
			continue
		}
		c.root = t
		c.template(t.Name(), reflect.TypeOf(&Page{}))
	}
	return c.errs, c.keys
}

type checker struct {
	root   *template.Template // the page's template, to look partials up in
	origin map[string]string  // template file -> its path for messages
	funcs  template.FuncMap
	done   map[string]bool // template name and dot type checked already
	errs   diag.List
	seen   map[string]bool // errors reported, by position and text
	cat    *i18n.Set       // the message catalogues
	keys   map[string]bool // the message keys used
}

// scope is what an action sees: dot and the variables.
type scope struct {
	tree *parse.Tree
	dot  reflect.Type // nil: not known
	vars map[string]reflect.Type
}

func (s scope) with(dot reflect.Type) scope {
	vars := make(map[string]reflect.Type, len(s.vars))
	for k, v := range s.vars {
		vars[k] = v
	}
	return scope{tree: s.tree, dot: dot, vars: vars}
}

// template checks the template name with dot of type dot.
func (c *checker) template(name string, dot reflect.Type) {
	key := c.root.Name() + "\x00" + name + "\x00" + typeString(dot) // "main" is each page's own
	if c.done[key] {
		return
	}
	c.done[key] = true
	t := c.root.Lookup(name)
	if t == nil || t.Tree == nil {
		return // html/template reports a missing template when it runs
	}
	c.list(t.Tree.Root, scope{tree: t.Tree, dot: dot, vars: map[string]reflect.Type{"$": dot}})
}

func (c *checker) list(l *parse.ListNode, s scope) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		c.node(n, s)
	}
}

func (c *checker) node(n parse.Node, s scope) {
	switch n := n.(type) {
	case *parse.ActionNode:
		t := c.pipe(n.Pipe, s)
		declare(n.Pipe, t, s)
	case *parse.IfNode:
		c.branch(&n.BranchNode, s, func(reflect.Type) reflect.Type { return s.dot })
	case *parse.WithNode:
		c.branch(&n.BranchNode, s, func(t reflect.Type) reflect.Type { return t })
	case *parse.RangeNode:
		inner := s.with(s.dot) // the pipeline sees the dot around the range
		t := c.pipe(n.Pipe, inner)
		key, elem := rangeTypes(t)
		switch len(n.Pipe.Decl) {
		case 1:
			inner.vars[n.Pipe.Decl[0].Ident[0]] = elem
		case 2:
			inner.vars[n.Pipe.Decl[0].Ident[0]] = key
			inner.vars[n.Pipe.Decl[1].Ident[0]] = elem
		}
		inner.dot = elem
		c.list(n.List, inner)
		c.list(n.ElseList, s.with(s.dot))
	case *parse.TemplateNode:
		var dot reflect.Type
		if n.Pipe != nil {
			dot = c.pipe(n.Pipe, s)
		}
		c.template(n.Name, dot)
	}
}

// branch checks an if or with: its pipeline, then its list with the dot
// that inner gives for the pipeline's type, and its else list with the
// dot around it.
func (c *checker) branch(b *parse.BranchNode, s scope, inner func(reflect.Type) reflect.Type) {
	in := s.with(s.dot)
	t := c.pipe(b.Pipe, in)
	declare(b.Pipe, t, in)
	in.dot = inner(t)
	c.list(b.List, in)
	c.list(b.ElseList, s.with(s.dot))
}

// declare records the variables a pipeline declares or assigns.
func declare(p *parse.PipeNode, t reflect.Type, s scope) {
	if p == nil {
		return
	}
	for _, v := range p.Decl {
		s.vars[v.Ident[0]] = t
	}
}

// rangeTypes returns the key and element types of ranging over t.
func rangeTypes(t reflect.Type) (key, elem reflect.Type) {
	t = deref(t)
	if t == nil {
		return nil, nil
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return reflect.TypeOf(0), t.Elem()
	case reflect.Map:
		return t.Key(), t.Elem()
	case reflect.Int:
		return t, t
	}
	return nil, nil
}

// pipe checks a pipeline and returns the type of its value.
func (c *checker) pipe(p *parse.PipeNode, s scope) reflect.Type {
	if p == nil {
		return nil
	}
	var t reflect.Type
	for i, cmd := range p.Cmds {
		t = c.command(cmd, s, i > 0)
	}
	return t
}

var (
	boolType   = reflect.TypeOf(false)
	intType    = reflect.TypeOf(0)
	stringType = reflect.TypeOf("")
)

// command checks a command and returns the type of its value; piped says
// a value comes from the command before.
func (c *checker) command(cmd *parse.CommandNode, s scope, piped bool) reflect.Type {
	if len(cmd.Args) == 0 {
		return nil
	}
	for _, a := range cmd.Args[1:] {
		c.arg(a, s)
	}
	first := cmd.Args[0]
	id, ok := first.(*parse.IdentifierNode)
	if !ok {
		return c.arg(first, s)
	}
	switch id.Ident {
	case "not", "eq", "ne", "lt", "le", "gt", "ge":
		return boolType
	case "len":
		return intType
	case "print", "printf", "println", "html", "js", "urlquery":
		return stringType
	case "and", "or":
		// The value of one of the operands: known when all agree.
		var t reflect.Type
		for i, a := range cmd.Args[1:] {
			at := c.arg(a, s)
			if i > 0 && at != t {
				return nil
			}
			t = at
		}
		return t
	case "index":
		if len(cmd.Args) > 1 {
			_, elem := rangeTypes(c.arg(cmd.Args[1], s))
			return elem
		}
		return nil
	}
	if id.Ident == "t" {
		c.message(cmd, s, piped)
	}
	if f, ok := c.funcs[id.Ident]; ok {
		if ft := reflect.TypeOf(f); ft.Kind() == reflect.Func && ft.NumOut() > 0 {
			return ft.Out(0)
		}
	}
	return nil
}

// arg checks an argument and returns its type.
func (c *checker) arg(n parse.Node, s scope) reflect.Type {
	switch n := n.(type) {
	case *parse.DotNode:
		return s.dot
	case *parse.FieldNode:
		return c.fields(n, s.tree, s.dot, n.Ident)
	case *parse.VariableNode:
		t, ok := s.vars[n.Ident[0]]
		if !ok {
			return nil
		}
		return c.fields(n, s.tree, t, n.Ident[1:])
	case *parse.ChainNode:
		var t reflect.Type
		if p, ok := n.Node.(*parse.PipeNode); ok {
			t = c.pipe(p, s.with(s.dot))
		} else {
			t = c.arg(n.Node, s)
		}
		return c.fields(n, s.tree, t, n.Field)
	case *parse.PipeNode:
		return c.pipe(n, s.with(s.dot))
	case *parse.StringNode:
		return stringType
	case *parse.BoolNode:
		return boolType
	case *parse.NumberNode:
		if n.IsInt {
			return intType
		}
	}
	return nil
}

// fields follows the chain of field or method names from type t; each
// must exist. It returns the type at the end, nil when not known.
func (c *checker) fields(n parse.Node, tree *parse.Tree, t reflect.Type, names []string) reflect.Type {
	for _, name := range names {
		if t == nil {
			return nil
		}
		if m, ok := method(t, name); ok {
			if m.Type.NumOut() == 0 {
				return nil
			}
			t = m.Type.Out(0)
			continue
		}
		base := deref(t)
		switch base.Kind() {
		case reflect.Interface:
			return nil
		case reflect.Map:
			t = base.Elem()
			continue
		case reflect.Struct:
			if f, ok := base.FieldByName(name); ok && f.IsExported() {
				t = f.Type
				continue
			}
		}
		c.report(n, tree, base, name)
		return nil
	}
	return t
}

// method returns t's exported method name, on t or on a pointer to it.
func method(t reflect.Type, name string) (reflect.Method, bool) {
	if m, ok := t.MethodByName(name); ok && m.IsExported() {
		return m, true
	}
	if t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface {
		if m, ok := reflect.PointerTo(t).MethodByName(name); ok && m.IsExported() {
			return m, true
		}
	}
	return reflect.Method{}, false
}

func deref(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

func typeString(t reflect.Type) string {
	if t == nil {
		return "?"
	}
	return t.String()
}

// contextRE splits parse.Tree.ErrorContext's location: file:line:col.
var contextRE = regexp.MustCompile(`^(.*):(\d+):(\d+)$`)

// message checks a call of t: its first argument must be a quoted key of
// the catalogues, followed by a count when the message has plural forms.
func (c *checker) message(cmd *parse.CommandNode, s scope, piped bool) {
	if len(cmd.Args) < 2 {
		c.add(c.position(cmd, s.tree, 0), diag.TemplateMessageKey)
		return
	}
	key, ok := cmd.Args[1].(*parse.StringNode)
	if !ok {
		c.add(c.position(cmd.Args[1], s.tree, 0), diag.TemplateMessageKey)
		return
	}
	pos := c.position(key, s.tree, 0)
	if !c.cat.Has(key.Text) {
		if near := editdist.Nearest(key.Text, c.cat.Keys()); near != "" {
			c.add(pos, diag.TemplateNoMessageNear, key.Text, near)
		} else {
			c.add(pos, diag.TemplateNoMessage, key.Text)
		}
		return
	}
	c.keys[key.Text] = true
	if m := c.cat.Lookup(key.Text); m != nil && m.Plural() && len(cmd.Args) < 3 && !piped {
		c.add(pos, diag.TemplateMessageCount, key.Text, key.Text)
	}
}

// add adds an error once per position and text.
func (c *checker) add(pos diag.Position, msg diag.Message, args ...any) {
	if c.seen == nil {
		c.seen = map[string]bool{}
	}
	key := fmt.Sprintf("%v %s %v", pos, msg.Code(), args)
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	c.errs.Add(pos, msg, args...)
}

// position is where node n is, at its file (the layouts path of an
// override), line and column, back columns before the parser's.
func (c *checker) position(n parse.Node, tree *parse.Tree, back int) diag.Position {
	loc, _ := tree.ErrorContext(n)
	pos := diag.Position{Path: loc}
	if m := contextRE.FindStringSubmatch(loc); m != nil {
		pos.Path = m[1]
		if o, ok := c.origin[m[1]]; ok {
			pos.Path = o
		}
		pos.Line, _ = strconv.Atoi(m[2])
		pos.Column, _ = strconv.Atoi(m[3])
		// ErrorContext counts columns from 0; positions count from 1.
		pos.Column += 1 - back
	}
	return pos
}

// report adds the error that type t has no field name, at node n.
func (c *checker) report(n parse.Node, tree *parse.Tree, t reflect.Type, name string) {
	// The parser places a chain (.Role.ValidUntil, $c.Name) at its second
	// part: report it where it starts.
	back := 0
	switch n := n.(type) {
	case *parse.FieldNode:
		if len(n.Ident) > 1 {
			back = len(n.Ident[0]) + 1
		}
	case *parse.VariableNode:
		if len(n.Ident) > 1 {
			back = len(n.Ident[0])
		}
	}
	pos := c.position(n, tree, back)
	typeName := t.Name()
	if typeName == "" {
		typeName = t.String()
	}
	if c.seen == nil {
		c.seen = map[string]bool{}
	}
	key := fmt.Sprintf("%v %s.%s", pos, typeName, name)
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	if near := editdist.Nearest(name, names(t)); near != "" {
		c.errs.Add(pos, diag.TemplateNoFieldNear, typeName, name, near)
		return
	}
	c.errs.Add(pos, diag.TemplateNoField, typeName, name)
}

// names lists the exported fields and methods of struct type t.
func names(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() {
			out = append(out, f.Name)
		}
	}
	pt := reflect.PointerTo(t)
	for i := range pt.NumMethod() {
		out = append(out, pt.Method(i).Name)
	}
	return out
}
