// Command gen-knowledge writes src/knowledge/generated/toolchains.ts: the GODEBUG, runtime
// debug-variable, cpu.* and GOEXPERIMENT tables of every Go toolchain it can find, read
// straight from each toolchain's own source tree ($GOROOT/src).
//
// Run from the repository root:
//
//	go run ./scripts/gen-knowledge/main.go            (npm run gen:knowledge)
//
// Why a Go program and not a Node script: the tables are Go composite literals
// (internal/godebugs.All, runtime.dbgvars, goexperiment.Flags, the baseline in
// internal/buildcfg.ParseGOEXPERIMENT). go/parser gives their exact AST, so a reformatted
// table, a trailing comment or a func-literal predicate (Go 1.27's RemovedInfo.Old) cannot
// fool it the way a regular expression could; and anyone regenerating this data has Go
// installed by definition. The program uses only the standard library and no go.mod, so it
// runs as an ad-hoc `go run file.go` with any Go ≥ 1.21.
//
// Toolchains read (each only when present; none but the first is required):
//   - the machine's Go: `GOTOOLCHAIN=local go env GOROOT`;
//   - every -toolchain (default: the first release of each line 1.18–1.25 besides 1.19,
//     go1.20.1, and go1.27.3): `GOTOOLCHAIN=<name> go env GOROOT`, which downloads the toolchain
//     module through the Go module proxy on first use;
//   - Debian's golang-1.19 at /usr/lib/go-1.19, and any extra -goroot.
//
// Versions without a toolchain at hand are curated by hand in src/knowledge/curated/.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Toolchain is everything read from one GOROOT. JSON field names are the TypeScript ones.
type Toolchain struct {
	Version     string        `json:"version"`            // "go1.26.8"
	Released    string        `json:"released,omitempty"` // the "time" line of $GOROOT/VERSION (absent in distribution builds such as Debian's)
	Godebugs    []GodebugInfo `json:"godebugs"`
	Removed     []RemovedInfo `json:"removed"`
	Dbgvars     []Dbgvar      `json:"dbgvars"`
	Experiments []Experiment  `json:"experiments"`
	Regabi      []ArchCase    `json:"regabiSwitch"`
	Dwarf5Expr  string        `json:"dwarf5Supported,omitempty"`
	// Experiments ParseGOEXPERIMENT forces after reading GOEXPERIMENT: on where the register ABI is
	// always on (`if regabiAlwaysOn { flags.RegabiArgs = true … }`), off where it is unsupported.
	ForcedOn   []string      `json:"forcedOnIfRegabiAlwaysOn"`
	ForcedOff  []string      `json:"forcedOffIfRegabiUnsupported"`
	CPUOptions []CPUOption   `json:"cpuOptions"`
	Reads      []GodebugRead `json:"reads"`
	ArchVars   []ArchVar     `json:"archVars"`
	// GoFlags are the flag names InitGOFLAGS (cmd/go/internal/base/goflags.go) accepts in GOFLAGS:
	// a flag no go command has makes every go command but `go env` and `go bug` exit.
	GoFlags []string `json:"goFlags"`
	// TracebackLevels are the case labels of runtime.setTraceback (GOTRACEBACK names; "" = unset).
	TracebackLevels []string `json:"tracebackLevels"`
	root            string
}

// ArchVar is one build-configuration variable of internal/buildcfg (GOAMD64, GOARM, GOARM64,
// GOPPC64, GOFIPS140, …): the values its parser accepts, the toolchain's default, the error for
// anything else, and whether that error survives to buildcfg.Check. All of them write the one
// package variable buildcfg.Error in initialisation order, and an initializer that assigns
// Error unconditionally (Go 1.23+'s `g, Error = ParseGoarm64(…)`) erases the errors of the
// earlier ones: an invalid GOAMD64 or GOARM is then silently replaced by the default.
type ArchVar struct {
	Name         string   `json:"name"`
	Values       []string `json:"values"`       // case labels of its parser; may be partial (GOFIPS140 also takes v1.Y.Z)
	Default      string   `json:"default"`      // Default<NAME> of zbootstrap.go ("" when unset)
	Invalid      string   `json:"invalid"`      // the fmt.Errorf format of its error
	InvalidFatal bool     `json:"invalidFatal"` // an invalid value stops every go command (exit 2)
	Suffixes     []string `json:"suffixes"`     // optional suffixes (",softfloat", ",lse")
}

// GodebugInfo is one entry of internal/godebugs.All.
type GodebugInfo struct {
	Name      string `json:"name"`
	Package   string `json:"package"`
	Changed   int    `json:"changed,omitempty"`
	Old       string `json:"old,omitempty"`
	Opaque    bool   `json:"opaque,omitempty"`
	Immutable bool   `json:"immutable,omitempty"`
}

// RemovedInfo is one entry of internal/godebugs.Removed (Go 1.26+); OldValues is the set of
// string literals the Old predicate compares against (Go 1.27+; empty in 1.26).
type RemovedInfo struct {
	Name      string   `json:"name"`
	Removed   int      `json:"removed"`
	OldValues []string `json:"oldValues"`
}

// Dbgvar is one entry of runtime.dbgvars plus its start-up default.
type Dbgvar struct {
	Name   string `json:"name"`
	Atomic bool   `json:"atomic,omitempty"` // can change after start-up (os.Setenv)
	// Default is the value before GODEBUG is applied: the entry's def field, or an assignment
	// in parseRuntimeDebugVars/parsedebugvars. Cond is the Go condition guarding that
	// assignment (e.g. `GOOS == "linux"`), or the name of a constant.
	Default string `json:"default"`
	Cond    string `json:"cond,omitempty"`
}

// Experiment is one field of internal/goexperiment.Flags.
type Experiment struct {
	Name string `json:"name"` // lower-cased field name, as written in GOEXPERIMENT
	// Baseline is the expression in the baseline Flags literal: "true", or a platform
	// condition such as "regabiSupported"; empty when off by default.
	Baseline string `json:"baseline,omitempty"`
}

// GodebugRead is a GODEBUG key that library or go-command code reads outside the runtime:
// `godebug.New("name")` (Go 1.21+; a leading # marks an undocumented setting),
// `godebug.Get("name")` (Go 1.19/1.20, before internal/godebugs existed), or a `name=`
// string literal compared inside a function that reads os.Getenv("GODEBUG") itself
// (net/http's bundled http2debug, cmd/go's gocacheverify in 1.19). For toolchains without
// internal/godebugs (Go ≤ 1.20) these reads are the only record of which settings exist.
type GodebugRead struct {
	Name     string   `json:"name"`
	Packages []string `json:"packages"` // every package that reads it, sorted
	Hidden   bool     `json:"hidden,omitempty"`
}

// ArchCase is one case of the GOARCH switch that decides the register-ABI baseline.
type ArchCase struct {
	Goarch []string `json:"goarch"`
	Sets   []string `json:"sets"` // variables set to true
}

// CPUOption is one `option{Name: …}` of internal/cpu, with the architecture file it is in.
type CPUOption struct {
	Name string `json:"name"`
	Arch string `json:"arch"`
}

func main() {
	out := flag.String("out", "src/knowledge/generated/toolchains.ts", "output file")
	// The first release of every line the machine's Go and Debian's golang-1.19 do not cover, go1.20.1
	// (the first with multipartfiles), and go1.27.3: about 10 s and 250 MB each on first use.
	toolchains := flag.String("toolchain", "go1.18,go1.20,go1.20.1,go1.21.0,go1.22.0,go1.23.0,go1.24.0,go1.25.0,go1.27.3", "comma-separated GOTOOLCHAIN names to read besides the local Go (downloaded when missing)")
	extra := flag.String("goroot", "/usr/lib/go-1.19", "comma-separated extra GOROOT directories, read when present")
	allowMissing := flag.Bool("allow-missing", false, "drop toolchains that the existing output holds but this machine cannot read (otherwise an error)")
	flag.Parse()
	previous := previousToolchains(*out)

	var roots []string
	local, err := goEnvGOROOT("local")
	if err != nil {
		fatalf("the machine's Go: %v", err)
	}
	roots = append(roots, local)
	for _, tc := range splitList(*toolchains) {
		r, err := goEnvGOROOT(tc)
		if err != nil {
			fmt.Fprintf(os.Stderr, "gen-knowledge: skipping %s: %v\n", tc, err)
			continue
		}
		roots = append(roots, r)
	}
	for _, r := range splitList(*extra) {
		if st, err := os.Stat(filepath.Join(r, "src", "runtime")); err == nil && st.IsDir() {
			roots = append(roots, r)
		}
	}

	seen := map[string]bool{}
	var all []Toolchain
	for _, root := range roots {
		tc, err := readToolchain(root)
		if err != nil {
			fatalf("%s: %v", root, err)
		}
		if seen[tc.Version] {
			continue
		}
		seen[tc.Version] = true
		tc.root = root
		fmt.Fprintf(os.Stderr, "gen-knowledge: %s from %s: %d godebugs, %d removed, %d dbgvars, %d experiments, %d cpu options\n",
			tc.Version, root, len(tc.Godebugs), len(tc.Removed), len(tc.Dbgvars), len(tc.Experiments), len(tc.CPUOptions))
		all = append(all, tc)
	}
	sort.Slice(all, func(i, j int) bool { return versionLess(all[i].Version, all[j].Version) })
	// GOFLAGS names: candidates from every toolchain's cmd/go flag registrations, then each
	// toolchain's own go command says which it knows.
	candidates := map[string]bool{"vettool": true, "fixtool": true} // registered as cmd.Name()+"tool"
	for _, tc := range all {
		for _, n := range flagCandidates(filepath.Join(tc.root, "src", "cmd", "go")) {
			candidates[n] = true
		}
	}
	for i := range all {
		flags, err := probeGoFlags(filepath.Join(all[i].root, "bin", "go"), candidates)
		if err != nil {
			fatalf("%s: GOFLAGS probe: %v", all[i].Version, err)
		}
		all[i].GoFlags = flags
	}
	// Regenerating on a machine without, say, golang-1.19 must not silently drop its data.
	var missing []string
	for _, v := range previous {
		if !seen[v] {
			missing = append(missing, v)
		}
	}
	if len(missing) > 0 && !*allowMissing {
		fatalf("%s holds %s, which this machine cannot read; install it (go1.19.x: `apt-get install golang-1.19`; go1.N.P: network access to the Go module proxy for GOTOOLCHAIN=go1.N.P, then -toolchain) or pass -allow-missing to drop it",
			*out, strings.Join(missing, ", "))
	}

	js, err := json.MarshalIndent(all, "", "  ")
	if err != nil {
		fatalf("%v", err)
	}
	var b bytes.Buffer
	b.WriteString("// Code generated by `go run ./scripts/gen-knowledge/main.go` (npm run gen:knowledge) from each toolchain's $GOROOT/src; DO NOT EDIT.\n")
	b.WriteString("// Toolchains: ")
	for i, tc := range all {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(tc.Version)
	}
	b.WriteString(".\n\n")
	b.WriteString("import type { GeneratedToolchain } from '../types.js';\n\n")
	b.WriteString("export const GENERATED_TOOLCHAINS: readonly GeneratedToolchain[] = ")
	b.Write(js)
	b.WriteString(";\n")
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		fatalf("%v", err)
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		fatalf("%v", err)
	}
	fmt.Fprintf(os.Stderr, "gen-knowledge: wrote %s\n", *out)
}

// previousToolchains reads the "// Toolchains: go1.19.8, go1.26.8." line of an earlier output.
func previousToolchains(path string) []string {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	for _, line := range strings.SplitN(string(b), "\n", 4) {
		if rest, ok := strings.CutPrefix(line, "// Toolchains: "); ok {
			return splitList(strings.TrimSuffix(rest, "."))
		}
	}
	return nil
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "gen-knowledge: "+format+"\n", args...)
	os.Exit(1)
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func goEnvGOROOT(toolchain string) (string, error) {
	cmd := exec.Command("go", "env", "GOROOT")
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN="+toolchain, "GOFLAGS=")
	cmd.Dir = os.TempDir() // no go.mod/go.work may pick another toolchain
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

// versionLess orders "go1.19.8" < "go1.26.8" < "go1.27.3" numerically.
func versionLess(a, b string) bool {
	pa, pb := versionParts(a), versionParts(b)
	for i := 0; i < 3; i++ {
		if pa[i] != pb[i] {
			return pa[i] < pb[i]
		}
	}
	return a < b
}

func versionParts(v string) [3]int {
	var p [3]int
	v = strings.TrimPrefix(v, "go")
	for i, f := range strings.SplitN(v, ".", 3) {
		n := 0
		for _, c := range f {
			if c < '0' || c > '9' {
				break
			}
			n = n*10 + int(c-'0')
		}
		p[i] = n
	}
	return p
}

func readToolchain(root string) (Toolchain, error) {
	var tc Toolchain
	vb, err := os.ReadFile(filepath.Join(root, "VERSION"))
	if err != nil {
		return tc, err
	}
	lines := strings.Split(string(vb), "\n")
	tc.Version = strings.TrimSpace(lines[0])
	for _, l := range lines[1:] {
		if t, ok := strings.CutPrefix(strings.TrimSpace(l), "time "); ok {
			tc.Released = t
		}
	}
	src := filepath.Join(root, "src")

	// internal/godebugs exists from Go 1.21 on.
	if f, err := parseFile(filepath.Join(src, "internal", "godebugs", "table.go")); err == nil {
		tc.Godebugs, tc.Removed = readGodebugs(f)
	} else if !os.IsNotExist(err) {
		return tc, err
	}
	f, err := parseFile(filepath.Join(src, "runtime", "runtime1.go"))
	if err != nil {
		return tc, err
	}
	tc.Dbgvars = readDbgvars(f)
	tc.TracebackLevels = []string{}
	if fd := funcDecl(f, "setTraceback"); fd != nil {
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if cc, ok := n.(*ast.CaseClause); ok {
				for _, e := range cc.List {
					if isStringLit(e) {
						tc.TracebackLevels = append(tc.TracebackLevels, str(e))
					}
				}
			}
			return true
		})
	}
	if f, err := parseFile(filepath.Join(src, "internal", "goexperiment", "flags.go")); err == nil {
		tc.Experiments = readFlags(f)
	} else {
		return tc, err
	}
	if f, err := parseFile(filepath.Join(src, "internal", "buildcfg", "exp.go")); err == nil {
		readBaseline(f, &tc)
	} else {
		return tc, err
	}
	cpuFiles, _ := filepath.Glob(filepath.Join(src, "internal", "cpu", "cpu_*.go"))
	cpuSeen := map[string]bool{}
	for _, p := range cpuFiles {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parseFile(p)
		if err != nil {
			return tc, err
		}
		arch := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(p), "cpu_"), ".go")
		arch = strings.SplitN(arch, "_", 2)[0]
		for _, n := range readCPUOptions(f) {
			if !cpuSeen[arch+"/"+n] {
				cpuSeen[arch+"/"+n] = true
				tc.CPUOptions = append(tc.CPUOptions, CPUOption{Name: n, Arch: arch})
			}
		}
	}
	if f, err := parseFile(filepath.Join(src, "internal", "buildcfg", "cfg.go")); err == nil {
		z, _ := parseFile(filepath.Join(src, "internal", "buildcfg", "zbootstrap.go"))
		tc.ArchVars = readArchVars(f, z)
	} else {
		return tc, err
	}
	reads, err := readGodebugReads(src)
	if err != nil {
		return tc, err
	}
	tc.Reads = reads
	if tc.Godebugs == nil {
		tc.Godebugs = []GodebugInfo{}
	}
	if tc.Removed == nil {
		tc.Removed = []RemovedInfo{}
	}
	if tc.Regabi == nil {
		tc.Regabi = []ArchCase{}
	}
	if tc.ForcedOn == nil {
		tc.ForcedOn = []string{}
	}
	if tc.ForcedOff == nil {
		tc.ForcedOff = []string{}
	}
	return tc, nil
}

func parseFile(path string) (*ast.File, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parser.ParseFile(token.NewFileSet(), path, src, parser.ParseComments)
}

// varValue returns the value expression of a package-level `var name = …`.
func varValue(f *ast.File, name string) ast.Expr {
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
		for _, s := range gd.Specs {
			vs := s.(*ast.ValueSpec)
			for i, n := range vs.Names {
				if n.Name == name && i < len(vs.Values) {
					return vs.Values[i]
				}
			}
		}
	}
	return nil
}

func funcDecl(f *ast.File, names ...string) *ast.FuncDecl {
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
			for _, n := range names {
				if fd.Name.Name == n {
					return fd
				}
			}
		}
	}
	return nil
}

// fields maps the keys of a keyed composite literal to their value expressions.
func fields(cl *ast.CompositeLit) map[string]ast.Expr {
	m := map[string]ast.Expr{}
	for _, e := range cl.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok {
				m[id.Name] = kv.Value
			}
		}
	}
	return m
}

func str(e ast.Expr) string {
	if bl, ok := e.(*ast.BasicLit); ok && bl.Kind == token.STRING {
		s, err := strconv.Unquote(bl.Value)
		if err == nil {
			return s
		}
	}
	return ""
}

func intLit(e ast.Expr) (int, bool) {
	neg := false
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.SUB {
		neg, e = true, u.X
	}
	if bl, ok := e.(*ast.BasicLit); ok && bl.Kind == token.INT {
		n, err := strconv.ParseInt(strings.ReplaceAll(bl.Value, "_", ""), 0, 64)
		if err == nil {
			if neg {
				n = -n
			}
			return int(n), true
		}
	}
	return 0, false
}

func isTrue(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "true"
}

// elements unwraps `&T{…}` and `T{…}` elements of a slice literal.
func elements(e ast.Expr) []*ast.CompositeLit {
	cl, ok := e.(*ast.CompositeLit)
	if !ok {
		return nil
	}
	var out []*ast.CompositeLit
	for _, el := range cl.Elts {
		if u, ok := el.(*ast.UnaryExpr); ok && u.Op == token.AND {
			el = u.X
		}
		if c, ok := el.(*ast.CompositeLit); ok {
			out = append(out, c)
		}
	}
	return out
}

func readGodebugs(f *ast.File) ([]GodebugInfo, []RemovedInfo) {
	var infos []GodebugInfo
	for _, cl := range elements(varValue(f, "All")) {
		m := fields(cl)
		gi := GodebugInfo{Name: str(m["Name"]), Package: str(m["Package"]), Old: str(m["Old"])}
		if n, ok := intLit(m["Changed"]); ok {
			gi.Changed = n
		}
		gi.Opaque = isTrue(m["Opaque"])
		gi.Immutable = isTrue(m["Immutable"])
		infos = append(infos, gi)
	}
	var removed []RemovedInfo
	for _, cl := range elements(varValue(f, "Removed")) {
		m := fields(cl)
		ri := RemovedInfo{Name: str(m["Name"]), OldValues: []string{}}
		if n, ok := intLit(m["Removed"]); ok {
			ri.Removed = n
		}
		// Old is a predicate (Go 1.27+): either a named func such as `one`/`zero`, or a func
		// literal; collect the string literals it compares its argument with.
		var body ast.Node
		switch o := m["Old"].(type) {
		case *ast.Ident:
			if fd := funcDecl(f, o.Name); fd != nil {
				body = fd.Body
			}
		case *ast.FuncLit:
			body = o.Body
		case *ast.BasicLit:
			ri.OldValues = append(ri.OldValues, str(o))
		}
		if body != nil {
			ast.Inspect(body, func(n ast.Node) bool {
				if be, ok := n.(*ast.BinaryExpr); ok && be.Op == token.EQL {
					for _, side := range []ast.Expr{be.X, be.Y} {
						if s := str(side); s != "" || isStringLit(side) {
							ri.OldValues = append(ri.OldValues, s)
						}
					}
				}
				return true
			})
		}
		removed = append(removed, ri)
	}
	return infos, removed
}

func isStringLit(e ast.Expr) bool {
	bl, ok := e.(*ast.BasicLit)
	return ok && bl.Kind == token.STRING
}

func exprString(e ast.Expr) string {
	var b strings.Builder
	var walk func(ast.Expr)
	walk = func(e ast.Expr) {
		switch x := e.(type) {
		case *ast.Ident:
			b.WriteString(x.Name)
		case *ast.BasicLit:
			b.WriteString(x.Value)
		case *ast.SelectorExpr:
			walk(x.X)
			b.WriteString(".")
			b.WriteString(x.Sel.Name)
		case *ast.BinaryExpr:
			walk(x.X)
			b.WriteString(" " + x.Op.String() + " ")
			walk(x.Y)
		case *ast.ParenExpr:
			b.WriteString("(")
			walk(x.X)
			b.WriteString(")")
		case *ast.UnaryExpr:
			b.WriteString(x.Op.String())
			walk(x.X)
		case *ast.CallExpr:
			walk(x.Fun)
			b.WriteString("(…)")
		default:
			b.WriteString("…")
		}
	}
	walk(e)
	return b.String()
}

func readDbgvars(f *ast.File) []Dbgvar {
	var vars []Dbgvar
	field := map[string]int{} // debug struct field name -> index in vars
	for _, cl := range elements(varValue(f, "dbgvars")) {
		m := fields(cl)
		// Before Go 1.21 the entries are positional: {"name", &debug.field}.
		if len(m) == 0 && len(cl.Elts) >= 2 {
			m = map[string]ast.Expr{"name": cl.Elts[0], "value": cl.Elts[1]}
		}
		dv := Dbgvar{Name: str(m["name"]), Default: "0"}
		target := m["value"]
		if a, ok := m["atomic"]; ok {
			dv.Atomic = true
			target = a
		}
		if n, ok := intLit(m["def"]); ok {
			dv.Default = strconv.Itoa(n)
		}
		if u, ok := target.(*ast.UnaryExpr); ok {
			if sel, ok := u.X.(*ast.SelectorExpr); ok {
				field[sel.Sel.Name] = len(vars)
			}
		}
		vars = append(vars, dv)
	}
	// Start-up defaults assigned in code: `debug.cgocheck = 1`, possibly under `if GOOS == "linux"`.
	fd := funcDecl(f, "parseRuntimeDebugVars", "parsedebugvars")
	if fd != nil {
		var visit func(stmts []ast.Stmt, cond string)
		visit = func(stmts []ast.Stmt, cond string) {
			for _, s := range stmts {
				switch x := s.(type) {
				case *ast.AssignStmt:
					if len(x.Lhs) != 1 || len(x.Rhs) != 1 {
						continue
					}
					sel, ok := x.Lhs[0].(*ast.SelectorExpr)
					if !ok {
						continue
					}
					if id, ok := sel.X.(*ast.Ident); !ok || id.Name != "debug" {
						continue
					}
					i, ok := field[sel.Sel.Name]
					if !ok {
						continue
					}
					if n, ok := intLit(x.Rhs[0]); ok {
						vars[i].Default = strconv.Itoa(n)
						vars[i].Cond = cond
					} else {
						vars[i].Default = ""
						vars[i].Cond = exprString(x.Rhs[0])
					}
				case *ast.IfStmt:
					// Only simple guards (GOOS checks) define defaults; stop at the first
					// if that reads the parsed values (e.g. `if debug.gccheckmark > 0`).
					c := exprString(x.Cond)
					if strings.Contains(c, "GOOS") || strings.Contains(c, "GOARCH") {
						visit(x.Body.List, c)
					}
				case *ast.RangeStmt, *ast.ExprStmt:
					// The loop applying def fields and parsegodebug calls end the defaults.
					if es, ok := x.(*ast.ExprStmt); ok {
						if ce, ok := es.X.(*ast.CallExpr); ok {
							if id, ok := ce.Fun.(*ast.Ident); ok && id.Name == "parsegodebug" {
								return
							}
						}
					}
				}
			}
		}
		visit(fd.Body.List, "")
	}
	return vars
}

func readFlags(f *ast.File) []Experiment {
	var out []Experiment
	ast.Inspect(f, func(n ast.Node) bool {
		ts, ok := n.(*ast.TypeSpec)
		if !ok || ts.Name.Name != "Flags" {
			return true
		}
		st, ok := ts.Type.(*ast.StructType)
		if !ok {
			return false
		}
		for _, fl := range st.Fields.List {
			for _, nm := range fl.Names {
				out = append(out, Experiment{Name: strings.ToLower(nm.Name)})
			}
		}
		return false
	})
	return out
}

func readBaseline(f *ast.File, tc *Toolchain) {
	fd := funcDecl(f, "ParseGOEXPERIMENT")
	if fd == nil {
		return
	}
	idx := map[string]int{}
	for i, e := range tc.Experiments {
		idx[e.Name] = i
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.AssignStmt:
			if len(x.Lhs) != 1 || len(x.Rhs) != 1 {
				return true
			}
			id, ok := x.Lhs[0].(*ast.Ident)
			if !ok {
				return true
			}
			switch id.Name {
			case "baseline":
				if cl, ok := x.Rhs[0].(*ast.CompositeLit); ok {
					for k, v := range fields(cl) {
						if i, ok := idx[strings.ToLower(k)]; ok {
							tc.Experiments[i].Baseline = exprString(v)
						}
					}
				}
			case "dwarf5Supported":
				tc.Dwarf5Expr = exprString(x.Rhs[0])
			}
		case *ast.IfStmt:
			var into *[]string
			want := ""
			if id, ok := x.Cond.(*ast.Ident); ok && id.Name == "regabiAlwaysOn" {
				into, want = &tc.ForcedOn, "true"
			} else if u, ok := x.Cond.(*ast.UnaryExpr); ok && u.Op == token.NOT {
				if id, ok := u.X.(*ast.Ident); ok && id.Name == "regabiSupported" {
					into, want = &tc.ForcedOff, "false"
				}
			}
			if into != nil {
				for _, st := range x.Body.List {
					as, ok := st.(*ast.AssignStmt)
					if !ok || len(as.Rhs) != 1 {
						continue
					}
					if v, ok := as.Rhs[0].(*ast.Ident); !ok || v.Name != want {
						continue
					}
					for _, l := range as.Lhs {
						if sel, ok := l.(*ast.SelectorExpr); ok {
							*into = append(*into, strings.ToLower(sel.Sel.Name))
						}
					}
				}
			}
		case *ast.SwitchStmt:
			if id, ok := x.Tag.(*ast.Ident); ok && id.Name == "goarch" {
				for _, s := range x.Body.List {
					cc := s.(*ast.CaseClause)
					ac := ArchCase{Goarch: []string{}, Sets: []string{}}
					for _, e := range cc.List {
						ac.Goarch = append(ac.Goarch, str(e))
					}
					for _, st := range cc.Body {
						if as, ok := st.(*ast.AssignStmt); ok && len(as.Rhs) == 1 && isTrue(as.Rhs[0]) {
							for _, l := range as.Lhs {
								if lid, ok := l.(*ast.Ident); ok {
									ac.Sets = append(ac.Sets, lid.Name)
								}
							}
						}
					}
					tc.Regabi = append(tc.Regabi, ac)
				}
			}
		}
		return true
	})
}

func readCPUOptions(f *ast.File) []string {
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		cl, ok := n.(*ast.CompositeLit)
		if !ok {
			return true
		}
		m := fields(cl)
		if _, ok := m["Feature"]; ok {
			if s := str(m["Name"]); s != "" {
				out = append(out, s)
			}
		}
		return true
	})
	return out
}

// readGodebugReads walks $GOROOT/src (without vendored code, testdata, tests, the runtime and
// internal/cpu, whose settings come from dbgvars and the cpu option tables) for the GODEBUG
// keys that code reads; see GodebugRead.
func readGodebugReads(src string) ([]GodebugRead, error) {
	seen := map[string]int{}
	var out []GodebugRead
	add := func(name, pkg string, hidden bool) {
		if name == "" {
			return
		}
		if i, ok := seen[name]; ok {
			// A name read both as #name and as name is documented.
			out[i].Hidden = out[i].Hidden && hidden
			if !contains(out[i].Packages, pkg) {
				out[i].Packages = append(out[i].Packages, pkg)
				sort.Strings(out[i].Packages)
			}
			return
		}
		seen[name] = len(out)
		out = append(out, GodebugRead{Name: name, Packages: []string{pkg}, Hidden: hidden})
	}
	// Debian's /usr/lib/go-1.19/src is a symbolic link, which WalkDir would not enter.
	src, err := filepath.EvalSymlinks(src)
	if err != nil {
		return nil, err
	}
	err = filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			switch {
			case d.Name() == "testdata" || d.Name() == "vendor",
				rel == "runtime", rel == "internal/cpu", rel == "internal/godebugs":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !bytes.Contains(b, []byte("godebug")) && !bytes.Contains(b, []byte("GODEBUG")) {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, b, parser.SkipObjectResolution)
		if err != nil {
			return fmt.Errorf("%s: %v", rel, err)
		}
		pkg := filepath.ToSlash(filepath.Dir(rel))
		if strings.HasPrefix(pkg, "cmd/go/") {
			pkg = "cmd/go" // internal/godebugs names the go command's settings "cmd/go"
		}
		readGodebugReadsIn(f, func(name string, hidden bool) { add(name, pkg, hidden) })
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	if out == nil {
		out = []GodebugRead{}
	}
	return out, err
}

// keyLiteral matches a string literal that starts with a GODEBUG key and "=", as compared
// against fields of os.Getenv("GODEBUG") (`"http2debug=1"`, `"fuzzseed="`).
func keyLiteral(s string) string {
	i := strings.IndexByte(s, '=')
	if i <= 0 {
		return ""
	}
	for j, c := range s[:i] {
		if !(c >= 'a' && c <= 'z' || j > 0 && (c >= '0' && c <= '9' || c == '.')) {
			return ""
		}
	}
	return s[:i]
}

func readGodebugReadsIn(f *ast.File, add func(name string, hidden bool)) {
	isCall := func(n ast.Node, pkg string, names ...string) (*ast.CallExpr, bool) {
		ce, ok := n.(*ast.CallExpr)
		if !ok || len(ce.Args) != 1 {
			return nil, false
		}
		sel, ok := ce.Fun.(*ast.SelectorExpr)
		if !ok {
			return nil, false
		}
		if id, ok := sel.X.(*ast.Ident); !ok || id.Name != pkg {
			return nil, false
		}
		for _, n := range names {
			if sel.Sel.Name == n {
				return ce, true
			}
		}
		return nil, false
	}
	// Functions (innermost FuncDecl or FuncLit) that read os.Getenv("GODEBUG") themselves.
	var stack []ast.Node
	envReaders := map[ast.Node]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		if ce, ok := isCall(n, "godebug", "New", "Get"); ok {
			if s := str(ce.Args[0]); s != "" {
				add(strings.TrimPrefix(s, "#"), strings.HasPrefix(s, "#"))
			}
		}
		if ce, ok := isCall(n, "os", "Getenv"); ok && str(ce.Args[0]) == "GODEBUG" {
			for i := len(stack) - 1; i >= 0; i-- {
				switch stack[i].(type) {
				case *ast.FuncDecl, *ast.FuncLit:
					envReaders[stack[i]] = true
					i = 0
				}
			}
		}
		return true
	})
	for fn := range envReaders {
		ast.Inspect(fn, func(n ast.Node) bool {
			if s := str(exprOrNil(n)); s != "" {
				if k := keyLiteral(s); k != "" {
					add(k, false)
				}
			}
			return true
		})
	}
}

func exprOrNil(n ast.Node) ast.Expr {
	if bl, ok := n.(*ast.BasicLit); ok {
		return bl
	}
	return nil
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// readArchVars reads the `var ( GOAMD64 = goamd64() … )` block of internal/buildcfg/cfg.go.
func readArchVars(f, zbootstrap *ast.File) []ArchVar {
	defaults := map[string]string{}
	if zbootstrap != nil {
		for _, d := range zbootstrap.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, sp := range gd.Specs {
				vs := sp.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if i < len(vs.Values) {
						defaults[n.Name] = str(vs.Values[i])
					}
				}
			}
		}
	}
	// The initializers in order: name and the function it calls (or nil for envOr(...) itself).
	type init struct {
		name string
		call *ast.CallExpr
	}
	var inits []init
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
		for _, sp := range gd.Specs {
			vs := sp.(*ast.ValueSpec)
			for i, n := range vs.Names {
				if i < len(vs.Values) {
					if ce, ok := vs.Values[i].(*ast.CallExpr); ok {
						inits = append(inits, init{n.Name, ce})
					}
				}
			}
		}
	}
	// body of a package function, and of the package functions it calls (one level: ParseGoarm64).
	bodies := func(name string) []ast.Node {
		fd := funcDecl(f, name)
		if fd == nil {
			return nil
		}
		out := []ast.Node{fd.Body}
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if ce, ok := n.(*ast.CallExpr); ok {
				if id, ok := ce.Fun.(*ast.Ident); ok && id.Name != "envOr" {
					if callee := funcDecl(f, id.Name); callee != nil && callee != fd {
						out = append(out, callee.Body)
					}
				}
			}
			return true
		})
		return out
	}
	// resetsError: an assignment `…, Error = call(…)` that stores a callee's result (nil when valid).
	resetsError := func(nodes []ast.Node) bool {
		found := false
		for _, b := range nodes[:min(1, len(nodes))] {
			ast.Inspect(b, func(n ast.Node) bool {
				as, ok := n.(*ast.AssignStmt)
				if !ok || len(as.Rhs) != 1 {
					return true
				}
				ce, ok := as.Rhs[0].(*ast.CallExpr)
				if !ok {
					return true
				}
				if sel, ok := ce.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Errorf" {
					return true
				}
				for _, l := range as.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name == "Error" {
						found = true
					}
				}
				return true
			})
		}
		return found
	}
	var out []ArchVar
	var pending []int // indexes in out whose error is still alive
	for _, in := range inits {
		var nodes []ast.Node
		if id, ok := in.call.Fun.(*ast.Ident); ok && id.Name != "envOr" {
			nodes = bodies(id.Name)
		}
		if len(nodes) > 0 && resetsError(nodes) {
			for _, i := range pending {
				out[i].InvalidFatal = false
			}
			pending = nil
		}
		if len(nodes) == 0 || !strings.HasPrefix(in.name, "GO") {
			continue
		}
		av := ArchVar{Name: in.name, Values: []string{}, Suffixes: []string{}, Default: defaults["Default"+in.name]}
		if av.Default == "" {
			av.Default = defaults["default"+in.name] // Go ≤ 1.20 spelled them lowercase
		}
		for _, b := range nodes {
			ast.Inspect(b, func(n ast.Node) bool {
				switch x := n.(type) {
				case *ast.CaseClause:
					for _, e := range x.List {
						if s := str(e); s != "" && !contains(av.Values, s) {
							av.Values = append(av.Values, s)
						}
					}
				case *ast.CallExpr:
					if sel, ok := x.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Errorf" && len(x.Args) > 0 && av.Invalid == "" {
						av.Invalid = formatWithConsts(str(x.Args[0]), x.Args[1:], b)
					}
				case *ast.ValueSpec:
					// const ( softFloatOpt = ",softfloat" ): optional suffixes.
					for _, v := range x.Values {
						if s := str(v); strings.HasPrefix(s, ",") && !contains(av.Suffixes, s) {
							av.Suffixes = append(av.Suffixes, s)
						}
					}
				}
				return true
			})
		}
		if av.Invalid == "" {
			continue // no validation (GO386 before it had one)
		}
		av.InvalidFatal = true
		out = append(out, av)
		pending = append(pending, len(out)-1)
	}
	if out == nil {
		out = []ArchVar{}
	}
	return out
}

// formatWithConsts fills the %q verbs of an Errorf format with the string constants of `scope`
// passed as arguments (`hardFloatOpt` → ",hardfloat"); verbs fed by run-time values become "…".
func formatWithConsts(format string, args []ast.Expr, scope ast.Node) string {
	consts := map[string]string{}
	ast.Inspect(scope, func(n ast.Node) bool {
		if vs, ok := n.(*ast.ValueSpec); ok {
			for i, nm := range vs.Names {
				if i < len(vs.Values) && isStringLit(vs.Values[i]) {
					consts[nm.Name] = str(vs.Values[i])
				}
			}
		}
		return true
	})
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		if format[i] == '%' && i+1 < len(format) && format[i+1] == 'q' {
			v := "…"
			if len(args) > 0 {
				if id, ok := args[0].(*ast.Ident); ok {
					if c, ok := consts[id.Name]; ok {
						v = c
					}
				}
				args = args[1:]
			}
			b.WriteString(strconv.Quote(v))
			i++
			continue
		}
		b.WriteByte(format[i])
	}
	return b.String()
}

// flagCandidates collects the string literals passed as flag names to flag registrations
// (`cmd.Flag.BoolVar(&x, "a", …)`, `flags.StringVar(…, "pgo", …)`, `CmdGet.Flag.Bool("t", …)`)
// anywhere under cmd/go. Defaults such as "auto" come along; probeGoFlags sorts them out.
func flagCandidates(dir string) []string {
	methods := map[string]bool{"BoolVar": true, "StringVar": true, "IntVar": true, "Int64Var": true, "UintVar": true, "Uint64Var": true,
		"Float64Var": true, "DurationVar": true, "TextVar": true, "Var": true, "Func": true, "BoolFunc": true,
		"Bool": true, "String": true, "Int": true, "Int64": true, "Uint": true, "Duration": true, "Float64": true}
	var out []string
	_ = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if d.Name() == "testdata" || d.Name() == "vendor" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil
		}
		ast.Inspect(f, func(n ast.Node) bool {
			ce, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := ce.Fun.(*ast.SelectorExpr)
			if !ok || !methods[sel.Sel.Name] {
				return true
			}
			for i, a := range ce.Args {
				if i > 1 {
					break
				}
				if s := str(a); isFlagName(s) {
					out = append(out, s)
				}
			}
			return true
		})
		return nil
	})
	return out
}

func isFlagName(s string) bool {
	if s == "" || len(s) > 40 || s[0] == '-' {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// probeGoFlags asks a toolchain's own go command which candidate names it accepts in GOFLAGS:
// `go version` runs InitGOFLAGS, which stops at the first unknown flag; drop it and ask again
// until the whole list passes. GOENV=off keeps the user's go env file out of it.
func probeGoFlags(goBin string, candidates map[string]bool) ([]string, error) {
	var names []string
	for n := range candidates {
		names = append(names, n)
	}
	sort.Strings(names)
	for tries := 0; tries <= len(candidates); tries++ {
		words := make([]string, len(names))
		for i, n := range names {
			words[i] = "-" + n
		}
		cmd := exec.Command(goBin, "version")
		cmd.Dir = os.TempDir()
		cmd.Env = append(os.Environ(), "GOFLAGS="+strings.Join(words, " "), "GOTOOLCHAIN=local", "GOENV=off", "GOROOT=")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err == nil {
			return names, nil
		}
		msg := strings.TrimSpace(stderr.String())
		const prefix = "go: parsing $GOFLAGS: unknown flag -"
		// SetFromGOFLAGS runs InitGOFLAGS first; any later complaint is `go version` applying
		// GOFLAGS to its own flags (-C needs a value, -m is boolean): every name was accepted.
		if !strings.HasPrefix(msg, "go: parsing $GOFLAGS:") {
			return names, nil
		}
		if !strings.HasPrefix(msg, prefix) {
			return nil, fmt.Errorf("%s", msg)
		}
		bad := strings.TrimPrefix(strings.SplitN(msg, "\n", 2)[0], prefix)
		kept := make([]string, 0, len(names))
		for _, n := range names {
			if n != bad {
				kept = append(kept, n)
			}
		}
		if len(kept) == len(names) {
			return nil, fmt.Errorf("unexpected %q", msg)
		}
		names = kept
	}
	return nil, fmt.Errorf("no end")
}
